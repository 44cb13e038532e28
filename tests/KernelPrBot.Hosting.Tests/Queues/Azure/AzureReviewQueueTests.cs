using Azure.Storage.Queues;
using KernelPrBot.Hosting.Queues.Azure;
using KernelPrBot.Review.Model;
using KernelPrBot.Testing.Azurite;
using Xunit;

namespace KernelPrBot.Hosting.Tests.Queues.Azure;

/// <summary>The Azure Storage review queue against a real Azurite: leases, re-delivery, poison queue, re-drive.</summary>
public sealed class AzureReviewQueueTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private AzureQueueOptions Options(int maxAttempts = 5, TimeSpan? visibility = null, string? name = null) => new()
    {
        ConnectionString = azurite.ConnectionString,
        QueueName = name ?? AzuriteFixture.UniqueName("q"),
        MaxAttempts = maxAttempts,
        VisibilityTimeout = visibility ?? TimeSpan.FromMinutes(1),
    };

    [AzuriteFact]
    public async Task Enqueued_request_is_dequeued_intact_and_gone_once_completed()
    {
        var queue = new AzureReviewQueue(Options());
        await queue.EnqueueAsync(Requests.Pr(1));

        var item = await queue.TryDequeueAsync();

        Assert.NotNull(item);
        Assert.Equal(Requests.Pr(1), item.Request);
        Assert.Equal(1, item.Attempt);
        Assert.False(string.IsNullOrEmpty(item.Receipt));
        Assert.Null(await queue.TryDequeueAsync());
        await queue.CompleteAsync(item);
        Assert.Null(await queue.TryDequeueAsync());
    }

    [AzuriteFact]
    public async Task Messages_are_base64_so_the_Functions_runtime_reads_them()
    {
        var options = Options();
        var queue = new AzureReviewQueue(options);
        await queue.EnqueueAsync(Requests.Pr(2));

        var raw = new QueueClient(options.ConnectionString, options.QueueName);
        var peeked = Assert.Single((await raw.PeekMessagesAsync()).Value);
        var text = System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(peeked.Body.ToString()));
        Assert.Equal(ReviewRequestJson.Serialize(Requests.Pr(2)), text);
    }

    [AzuriteFact]
    public async Task An_unfinished_message_comes_back_after_the_visibility_timeout_and_the_old_lease_cannot_complete_it()
    {
        var worker = new AzureReviewQueue(Options(visibility: TimeSpan.FromSeconds(1)));
        await worker.EnqueueAsync(Requests.Pr(3));
        var first = (await worker.TryDequeueAsync())!;

        Assert.Null(await worker.TryDequeueAsync());
        await Task.Delay(TimeSpan.FromSeconds(1.5));
        var second = await worker.TryDequeueAsync();

        Assert.NotNull(second);
        Assert.Equal(first.MessageId, second.MessageId);
        Assert.Equal(2, second.Attempt);
        Assert.NotEqual(first.Receipt, second.Receipt);

        // The first worker comes back late: its stale receipt is a no-op, not an exception, and not a delete.
        await worker.CompleteAsync(first);
        Assert.False(await worker.FailAsync(first, "late", TimeSpan.Zero));
        await worker.CompleteAsync(second);
        await Task.Delay(TimeSpan.FromSeconds(1.5));
        Assert.Null(await worker.TryDequeueAsync());
    }

    [AzuriteFact]
    public async Task A_failed_attempt_is_retried_after_its_delay()
    {
        var queue = new AzureReviewQueue(Options());
        await queue.EnqueueAsync(Requests.Pr(4));
        var item = (await queue.TryDequeueAsync())!;

        Assert.False(await queue.FailAsync(item, "flaky", TimeSpan.FromSeconds(1)));

        Assert.Null(await queue.TryDequeueAsync());
        await Task.Delay(TimeSpan.FromSeconds(1.5));
        var again = await queue.TryDequeueAsync();
        Assert.Equal(2, again?.Attempt);
    }

    [AzuriteFact]
    public async Task After_the_last_failed_attempt_the_message_is_in_the_poison_queue_and_can_be_requeued()
    {
        var options = Options(maxAttempts: 3);
        var queue = new AzureReviewQueue(options);
        await queue.EnqueueAsync(Requests.Pr(5));

        var dead = new List<bool>();
        for (var attempt = 1; attempt <= 3; attempt++)
        {
            var item = (await queue.TryDequeueAsync())!;
            Assert.Equal(attempt, item.Attempt);
            dead.Add(await queue.FailAsync(item, $"NotFoundException: attempt {attempt}", TimeSpan.Zero));
        }

        Assert.Equal([false, false, true], dead);
        Assert.Null(await queue.TryDequeueAsync());
        var letter = Assert.Single(await queue.ListAsync());
        Assert.Equal(Requests.Pr(5), letter.Request);
        Assert.Equal(3, letter.Attempts);
        Assert.Equal("NotFoundException: attempt 3", letter.Reason);

        // The poison message is still a plain review request for anything that reads the queue.
        var poison = new QueueClient(options.ConnectionString, options.PoisonQueueName, new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 });
        var raw = Assert.Single((await poison.PeekMessagesAsync()).Value);
        Assert.Equal(Requests.Pr(5), ReviewRequestJson.Deserialize(raw.Body.ToString()));

        Assert.Equal(1, await queue.RequeueAsync(letter.MessageId));
        Assert.Empty(await queue.ListAsync());
        var back = (await queue.TryDequeueAsync())!;
        Assert.Equal(Requests.Pr(5), back.Request);
        Assert.Equal(1, back.Attempt);
    }

    [AzuriteFact]
    public async Task Messages_the_Functions_runtime_poisoned_are_listed_and_requeued_too()
    {
        var options = Options();
        var queue = new AzureReviewQueue(options);
        await queue.EnqueueAsync(Requests.Pr(6));
        var runtime = new QueueClient(options.ConnectionString, options.PoisonQueueName, new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 });
        await runtime.SendMessageAsync(ReviewRequestJson.Serialize(Requests.Pr(7)));
        await runtime.SendMessageAsync("not a review request");

        var letter = Assert.Single(await queue.ListAsync());
        Assert.Equal(7, letter.Request.Number);
        Assert.Equal(5, letter.Attempts);
        Assert.Contains("Functions runtime", letter.Reason, StringComparison.Ordinal);

        Assert.Equal(1, await queue.RequeueAsync(null));
        var numbers = new[] { (await queue.TryDequeueAsync())!.Request.Number, (await queue.TryDequeueAsync())!.Request.Number };
        Assert.Equal([6, 7], numbers.Order());
        Assert.Single((await runtime.PeekMessagesAsync()).Value);
    }

    [AzuriteFact]
    public async Task A_message_whose_last_lease_expired_without_a_result_is_dead_lettered_on_the_next_dequeue()
    {
        var queue = new AzureReviewQueue(Options(maxAttempts: 1, visibility: TimeSpan.FromSeconds(1)));
        await queue.EnqueueAsync(Requests.Pr(8));
        Assert.NotNull(await queue.TryDequeueAsync());

        await Task.Delay(TimeSpan.FromSeconds(1.5));

        Assert.Null(await queue.TryDequeueAsync());
        var letter = Assert.Single(await queue.ListAsync());
        Assert.Contains("lease of its last attempt expired", letter.Reason, StringComparison.Ordinal);
    }

    [AzuriteFact]
    public async Task An_unreadable_message_is_dead_lettered_not_handed_out()
    {
        var options = Options();
        var queue = new AzureReviewQueue(options);
        await queue.EnqueueAsync(Requests.Pr(9));
        var raw = new QueueClient(options.ConnectionString, options.QueueName, new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 });
        await raw.SendMessageAsync("{\"forge\": 12");

        var item = await queue.TryDequeueAsync();
        Assert.Equal(9, item?.Request.Number);
        Assert.Null(await queue.TryDequeueAsync());
        var poison = new QueueClient(options.ConnectionString, options.PoisonQueueName, new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 });
        Assert.Equal("{\"forge\": 12", Assert.Single((await poison.PeekMessagesAsync()).Value).Body.ToString());
    }
}
