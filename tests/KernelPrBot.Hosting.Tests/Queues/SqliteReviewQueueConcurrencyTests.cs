using System.Collections.Concurrent;
using System.Diagnostics;
using KernelPrBot.Hosting.Queues;
using Xunit;
using Xunit.Abstractions;

namespace KernelPrBot.Hosting.Tests.Queues;

public sealed class SqliteReviewQueueConcurrencyTests(ITestOutputHelper output) : IDisposable
{
    private const int Items = 2_000;
    private const int WorkersPerInstance = 4;

    private readonly TempDatabase _db = new();

    public void Dispose() => _db.Dispose();

    [Fact]
    public async Task Two_instances_on_one_file_never_lease_an_item_twice_and_complete_each_once()
    {
        // Different spellings of the path give separate connection pools, as two processes would have.
        var instances = new[]
        {
            new SqliteReviewQueue(new SqliteQueueOptions { Path = _db.Path }),
            new SqliteReviewQueue(new SqliteQueueOptions { Path = _db.OtherSpelling }),
        };
        var enqueue = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, 4).Select(async part =>
        {
            for (var i = part; i < Items; i += 4)
            {
                await instances[part % 2].EnqueueAsync(Requests.Pr(i));
            }
        }));
        enqueue.Stop();

        var leased = new ConcurrentDictionary<string, byte>();
        var completed = new ConcurrentDictionary<int, int>();
        var overlaps = 0;
        var done = 0;
        var drain = Stopwatch.StartNew();
        var workers = instances.SelectMany(queue => Enumerable.Range(0, WorkersPerInstance).Select(worker => Task.Run(async () =>
        {
            while (Volatile.Read(ref done) < Items)
            {
                var item = await queue.TryDequeueAsync();
                if (item is null)
                {
                    await Task.Yield();
                    continue;
                }

                if (!leased.TryAdd(item.MessageId, 0))
                {
                    Interlocked.Increment(ref overlaps);
                }

                completed.AddOrUpdate(item.Request.Number, 1, (_, n) => n + 1);
                leased.TryRemove(item.MessageId, out _);
                await queue.CompleteAsync(item);
                Interlocked.Increment(ref done);
            }
        })));
        await Task.WhenAll(workers);
        drain.Stop();

        Assert.Equal(0, overlaps);
        Assert.Equal(Items, completed.Count);
        Assert.All(completed.Values, n => Assert.Equal(1, n));
        Assert.Null(await instances[0].TryDequeueAsync());
        output.WriteLine($"enqueue: {Items / enqueue.Elapsed.TotalSeconds:F0} items/s (4 tasks); " +
            $"dequeue+complete: {Items / drain.Elapsed.TotalSeconds:F0} items/s ({2 * WorkersPerInstance} workers, 2 instances)");
    }

    [Fact]
    public async Task Measures_sequential_enqueue_dequeue_complete_throughput()
    {
        var queue = new SqliteReviewQueue(new SqliteQueueOptions { Path = _db.Path });
        await queue.EnqueueAsync(Requests.Pr(0)); // creates the schema outside the measurement
        await queue.CompleteAsync((await queue.TryDequeueAsync())!);

        const int count = 1_000;
        var watch = Stopwatch.StartNew();
        for (var i = 0; i < count; i++)
        {
            await queue.EnqueueAsync(Requests.Pr(i));
            var item = await queue.TryDequeueAsync();
            Assert.NotNull(item);
            await queue.CompleteAsync(item);
        }

        watch.Stop();
        output.WriteLine($"enqueue+dequeue+complete, one task: {count / watch.Elapsed.TotalSeconds:F0} items/s");
    }
}
