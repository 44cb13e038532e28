using Microsoft.Data.Sqlite;

namespace KernelPrBot.Hosting.Tests.Queues;

/// <summary>A queue database file in its own temporary directory, removed afterwards.</summary>
internal sealed class TempDatabase : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("kpb-queue-").FullName;

    public string Path => System.IO.Path.Combine(_directory, "queue.db");

    /// <summary>The same file spelled differently: a separate connection pool, as a second process would have.</summary>
    public string OtherSpelling => System.IO.Path.Combine(_directory, ".", "queue.db");

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A connection still closing elsewhere; the temp directory is cleaned by the system.
        }
    }
}
