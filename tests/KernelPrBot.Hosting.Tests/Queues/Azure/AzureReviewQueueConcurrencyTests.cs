using System.Collections.Concurrent;
using System.Diagnostics;
using KernelPrBot.Hosting.Queues.Azure;
using KernelPrBot.Testing.Azurite;
using Xunit;
using Xunit.Abstractions;

namespace KernelPrBot.Hosting.Tests.Queues.Azure;

/// <summary>Several workers on separate clients share one Azurite queue: each message is handed to exactly one of them.</summary>
public sealed class AzureReviewQueueConcurrencyTests(AzuriteFixture azurite, ITestOutputHelper output) : IClassFixture<AzuriteFixture>
{
    private const int Messages = 60;
    private const int Workers = 6;

    [AzuriteFact]
    public async Task Two_workers_never_both_complete_one_message()
    {
        var name = AzuriteFixture.UniqueName("q");
        AzureReviewQueue NewQueue() => new(new AzureQueueOptions { ConnectionString = azurite.ConnectionString, QueueName = name, VisibilityTimeout = TimeSpan.FromMinutes(1) });
        var producer = NewQueue();
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(1, Messages).Select(n => producer.EnqueueAsync(Requests.Pr(n))));
        var enqueued = clock.Elapsed;

        var taken = new ConcurrentBag<(int Worker, string MessageId, int Number)>();
        clock.Restart();
        await Task.WhenAll(Enumerable.Range(0, Workers).Select(w => Task.Run(async () =>
        {
            var queue = NewQueue();
            while (await queue.TryDequeueAsync() is { } item)
            {
                taken.Add((w, item.MessageId, item.Request.Number));
                await queue.CompleteAsync(item);
            }
        })));
        var drained = clock.Elapsed;

        Assert.Equal(Messages, taken.Count);
        Assert.Equal(Messages, taken.Select(t => t.MessageId).Distinct().Count());
        Assert.Equal(Enumerable.Range(1, Messages), taken.Select(t => t.Number).Order());
        Assert.True(taken.Select(t => t.Worker).Distinct().Count() > 1, "the work was shared");
        output.WriteLine($"Azurite: {Messages} enqueues in {enqueued.TotalMilliseconds:F0} ms; dequeue+complete by {Workers} workers in {drained.TotalMilliseconds:F0} ms " +
            $"({Messages / drained.TotalSeconds:F0} messages/s)");
    }

    [AzuriteFact]
    public async Task A_message_re_leased_after_expiry_is_completed_only_by_its_current_holder()
    {
        var name = AzuriteFixture.UniqueName("q");
        var options = new AzureQueueOptions { ConnectionString = azurite.ConnectionString, QueueName = name, VisibilityTimeout = TimeSpan.FromSeconds(1) };
        var slow = new AzureReviewQueue(options);
        var fast = new AzureReviewQueue(options);
        await slow.EnqueueAsync(Requests.Pr(1));
        var stale = (await slow.TryDequeueAsync())!;
        await Task.Delay(TimeSpan.FromSeconds(1.5));
        var current = (await fast.TryDequeueAsync())!;

        await slow.CompleteAsync(stale);
        // Had the stale completion deleted it, failing the current lease could not bring it back.
        Assert.False(await fast.FailAsync(current, "retry", TimeSpan.Zero));
        var third = await fast.TryDequeueAsync();

        Assert.Equal(stale.MessageId, third?.MessageId);
        Assert.Equal(3, third?.Attempt);
    }
}
