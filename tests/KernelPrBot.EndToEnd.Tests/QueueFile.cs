using Microsoft.Data.Sqlite;

namespace KernelPrBot.EndToEnd.Tests;

/// <summary>Reads the server's SQLite queue file directly; the tables appear with the first delivery.</summary>
internal static class QueueFile
{
    public static async Task<long> QueuedAsync(string path) =>
        await HasAsync(path, "queue") ? (await ReadAsync(path, "SELECT COUNT(*) FROM queue")).Select(long.Parse).Single() : 0;

    public static async Task<IReadOnlyList<string>> DeadLetterReasonsAsync(string path) =>
        await HasAsync(path, "dead_letters") ? await ReadAsync(path, "SELECT reason FROM dead_letters") : [];

    public static async Task<long> PendingFailureReportsAsync(string path) =>
        (await ReadAsync(path, "SELECT COUNT(*) FROM failure_reports")).Select(long.Parse).Single();

    /// <summary>Runs a statement against the file, as another process (or a test playing one) would.</summary>
    public static async Task<int> ExecuteAsync(string path, string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        await connection.OpenAsync();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteNonQueryAsync();
    }

    private static async Task<bool> HasAsync(string path, string table) =>
        File.Exists(path) && (await ReadAsync(path, $"SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = '{table}'"))[0] != "0";

    private static async Task<IReadOnlyList<string>> ReadAsync(string path, string sql)
    {
        var rows = new List<string>();
        await using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        await connection.OpenAsync();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            rows.Add(Convert.ToString(reader.GetValue(0), System.Globalization.CultureInfo.InvariantCulture)!);
        }

        return rows;
    }
}
