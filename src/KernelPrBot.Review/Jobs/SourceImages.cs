using KernelPrBot.Checks.Analysis;
using KernelPrBot.Checks.Patches;
using KernelPrBot.Checks.Source;
using KernelPrBot.Review.Model;
using KernelPrBot.Review.Ports;

namespace KernelPrBot.Review.Jobs;

/// <summary>
/// Fetches the full base and head text of changed C files, so the context rules see whole functions and
/// the differential run can tell new problems from old ones. Bounded in count and size.
/// </summary>
internal static class SourceImages
{
    private const int Parallelism = 4;

    public static async Task<IReadOnlyDictionary<(int Patch, string Path), FileImages>?> FetchAsync(
        ICodeHost host, Change change, IReadOnlyList<FileChange> files, int patchIndex, ReviewOptions options, List<string> notes, CancellationToken cancellationToken)
    {
        var sources = files.Where(f => !f.IsBinary && IsCSource(f.Path)).ToList();
        if (sources.Count == 0 || patchIndex < 0)
        {
            return null;
        }

        if (sources.Count > options.MaxSourceFiles)
        {
            notes.Add($"{sources.Count} C files changed; whole-function context was fetched for the first {options.MaxSourceFiles}");
            sources = sources.Take(options.MaxSourceFiles).ToList();
        }

        var images = new Dictionary<(int, string), FileImages>();
        using var gate = new SemaphoreSlim(Parallelism);
        var tasks = sources.Select(async file =>
        {
            await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                var before = file.OldPath is null ? null : await host.GetFileTextAsync(change, file.OldPath, change.BaseSha, cancellationToken).ConfigureAwait(false);
                var after = file.NewPath is null ? null : await host.GetFileTextAsync(change, file.NewPath, change.HeadSha, cancellationToken).ConfigureAwait(false);
                return (file, before, after);
            }
            finally
            {
                gate.Release();
            }
        }).ToList();

        foreach (var (file, before, after) in await Task.WhenAll(tasks).ConfigureAwait(false))
        {
            if ((file.OldPath is not null && before is null) || (file.NewPath is not null && after is null))
            {
                notes.Add($"{file.Path}: the forge did not return its full text; checked the hunks only");
                continue;
            }

            if ((before?.Length ?? 0) > options.MaxSourceBytes || (after?.Length ?? 0) > options.MaxSourceBytes)
            {
                notes.Add($"{file.Path}: larger than {options.MaxSourceBytes / 1024} KiB; checked the hunks only");
                continue;
            }

            images[(patchIndex, file.Path)] = new FileImages(
                before is null ? null : PatchText.SplitLines(before),
                after is null ? null : PatchText.SplitLines(after));
        }

        return images;
    }

    private static bool IsCSource(string path) =>
        path.EndsWith(".c", StringComparison.Ordinal) || path.EndsWith(".h", StringComparison.Ordinal);
}
