using BenchmarkDotNet.Attributes;
using KernelPrBot.Hosting.Queues;
using KernelPrBot.Review.Model;
using Microsoft.Data.Sqlite;

namespace KernelPrBot.Benchmarks;

/// <summary>One review request through the SQLite queue: enqueue, lease, complete (three write transactions).</summary>
[MemoryDiagnoser]
public class SqliteQueueBenchmarks
{
    private static readonly ReviewRequest Request = new()
    {
        Forge = ForgeKind.GitHub,
        Repository = "torvalds/linux",
        RepositoryId = 2325298,
        Number = 1234,
        HeadSha = "0123456789abcdef0123456789abcdef01234567",
        Trigger = ReviewTrigger.Synchronize,
        DeliveryId = "72d3162e-cc78-11e3-81ab-4c9367dc0958",
        Requester = "octocat",
        InstallationId = 42,
    };

    private string _directory = "";
    private SqliteReviewQueue _queue = null!;

    [GlobalSetup]
    public void Setup()
    {
        _directory = Directory.CreateTempSubdirectory("kpb-bench-").FullName;
        _queue = new SqliteReviewQueue(new SqliteQueueOptions { Path = Path.Combine(_directory, "queue.db") });
        _queue.EnqueueAsync(Request).GetAwaiter().GetResult();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    [Benchmark]
    public async Task EnqueueDequeueComplete()
    {
        await _queue.EnqueueAsync(Request);
        var item = await _queue.TryDequeueAsync() ?? throw new InvalidOperationException("queue is empty");
        await _queue.CompleteAsync(item);
    }
}
