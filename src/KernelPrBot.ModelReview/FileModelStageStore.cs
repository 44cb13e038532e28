using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using KernelPrBot.Review.Model;
using KernelPrBot.Review.ModelStage;

namespace KernelPrBot.ModelReview;

/// <summary>
/// Keeps each run as one JSON file named by a hash of forge, repository, number, head and model (no name from the
/// pull request reaches the file system). Written to a temporary file and renamed, so a reader never sees half of one;
/// an unreadable file counts as absent (the stage then asks the model again).
/// </summary>
public sealed class FileModelStageStore(string directory) : IModelStageStore
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = false };

    public async Task<ModelStageRecord?> FindAsync(Change change, string model, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(change);
        var path = PathFor(change, model);
        if (!File.Exists(path))
        {
            return null;
        }

        try
        {
            await using var stream = File.OpenRead(path);
            var record = await JsonSerializer.DeserializeAsync<ModelStageRecord>(stream, Json, cancellationToken).ConfigureAwait(false);
            return record is not null && record.HeadSha == change.HeadSha && record.Model == model ? record : null;
        }
        catch (Exception ex) when (ex is JsonException or IOException or NotSupportedException)
        {
            return null;
        }
    }

    public async Task SaveAsync(Change change, ModelStageRecord record, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(change);
        ArgumentNullException.ThrowIfNull(record);
        Directory.CreateDirectory(directory);
        var path = PathFor(change, record.Model);
        var temporary = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
        try
        {
            await using (var stream = File.Create(temporary))
            {
                await JsonSerializer.SerializeAsync(stream, record with { Run = record.Run with { FromCache = false } }, Json, cancellationToken).ConfigureAwait(false);
            }

            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    private string PathFor(Change change, string model)
    {
        var key = $"{change.Forge}\n{change.Repository}\n{change.Number}\n{change.HeadSha}\n{model}";
        return Path.Combine(directory, Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)))[..32] + ".json");
    }
}
