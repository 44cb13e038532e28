using KernelPrBot.Testing;
using Microsoft.Data.Sqlite;

namespace KernelPrBot.Hosting.Tests.Queues;

/// <summary>A queue database file in its own temporary directory, removed afterwards.</summary>
internal sealed class TempDatabase : IDisposable
{
    private readonly TempDirectory _directory = new("queue");

    public string Path => _directory.Combine("queue.db");

    /// <summary>The same file spelled differently: a separate connection pool, as a second process would have.</summary>
    public string OtherSpelling => _directory.Combine(".", "queue.db");

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _directory.Dispose();
    }
}
