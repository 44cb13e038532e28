using Azure;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using KernelPrBot.Review.Model;
using KernelPrBot.Review.Ports;

namespace KernelPrBot.Hosting.Queues.Azure;

/// <summary>
/// The review queue on Azure Storage queues: the one the Functions worker is triggered by, usable by the
/// self-hosted server too. A lease is the pop receipt of a receive; the storage service makes leases exclusive,
/// so two workers never both complete one message. Dead letters live in <c>&lt;queue&gt;-poison</c>, where the
/// Functions runtime puts them too.
/// </summary>
public sealed class AzureReviewQueue : IReviewWorkQueue, IDeadLetterStore
{
    // Azure caps a receive at 32 messages and a visibility timeout at 7 days.
    private const int ReceiveBatch = 32;
    private static readonly TimeSpan MaxVisibility = TimeSpan.FromDays(7);

    // Listing or re-driving dead letters hides them this long; a crash mid-way gives them back after it.
    private static readonly TimeSpan ListingLease = TimeSpan.FromSeconds(30);

    // Dead letters wait for a person: they never expire (-1 is the service's "infinite").
    private static readonly TimeSpan NeverExpires = TimeSpan.FromSeconds(-1);

    private readonly AzureQueueOptions _options;
    private readonly QueueClient _queue;
    private readonly QueueClient _poison;
    private readonly OnceAsync _created;
    private readonly TimeProvider _time;

    public AzureReviewQueue(AzureQueueOptions options, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxAttempts, 1);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(options.VisibilityTimeout, TimeSpan.Zero);
        _options = options;
        _time = time ?? TimeProvider.System;
        // The Functions runtime reads queue messages as base64 by default (host.json messageEncoding).
        var clientOptions = new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 };
        _queue = options.Queue(options.QueueName, clientOptions);
        _poison = options.Queue(options.PoisonQueueName, clientOptions);
        _created = new OnceAsync(async () =>
        {
            await _queue.CreateIfNotExistsAsync().ConfigureAwait(false);
            await _poison.CreateIfNotExistsAsync().ConfigureAwait(false);
        });
    }

    public async Task EnqueueAsync(ReviewRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        await _created.EnsureAsync(cancellationToken).ConfigureAwait(false);
        await _queue.SendMessageAsync(ReviewRequestJson.Serialize(request), cancellationToken).ConfigureAwait(false);
    }

    public async Task<QueuedReview?> TryDequeueAsync(CancellationToken cancellationToken = default)
    {
        await _created.EnsureAsync(cancellationToken).ConfigureAwait(false);
        while (true)
        {
            var message = (await _queue.ReceiveMessageAsync(Clamp(_options.VisibilityTimeout), cancellationToken).ConfigureAwait(false)).Value;
            if (message is null)
            {
                return null;
            }

            var attempt = (int)Math.Min(int.MaxValue, message.DequeueCount);
            var body = message.Body.ToString();
            // Past its last attempt without a result: the workers holding it died, perhaps because of it.
            if (attempt > _options.MaxAttempts)
            {
                await DeadLetterAsync(message.MessageId, message.PopReceipt, body, attempt - 1, "the lease of its last attempt expired without a result", cancellationToken).ConfigureAwait(false);
                continue;
            }

            ReviewRequest request;
            try
            {
                request = ReviewRequestJson.Deserialize(body);
            }
            catch (Exception ex) when (ex is FormatException or NotSupportedException or ArgumentException)
            {
                await DeadLetterAsync(message.MessageId, message.PopReceipt, body, attempt, "unreadable message: " + ex.Message, cancellationToken).ConfigureAwait(false);
                continue;
            }

            return new QueuedReview(message.MessageId, message.PopReceipt, request, attempt, _options.MaxAttempts);
        }
    }

    public async Task CompleteAsync(QueuedReview item, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(item);
        try
        {
            await _queue.DeleteMessageAsync(item.MessageId, item.Receipt, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException ex) when (StorageErrors.IsLostLease(ex))
        {
            // Our lease expired and another worker holds (or finished) the message: it is theirs to complete.
        }
    }

    public async Task<bool> FailAsync(QueuedReview item, string reason, TimeSpan retryAfter, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(item);
        ArgumentNullException.ThrowIfNull(reason);
        if (item.IsLastAttempt)
        {
            return await DeadLetterAsync(item.MessageId, item.Receipt, ReviewRequestJson.Serialize(item.Request), item.Attempt, reason, cancellationToken).ConfigureAwait(false);
        }

        try
        {
            var delay = retryAfter < TimeSpan.Zero ? TimeSpan.Zero : Clamp(retryAfter);
            await _queue.UpdateMessageAsync(item.MessageId, item.Receipt, message: (BinaryData?)null, delay, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException ex) when (StorageErrors.IsLostLease(ex))
        {
            // Another worker leased it after our lease ran out; its attempt counts instead.
        }

        return false;
    }

    public async Task<IReadOnlyList<DeadLetter>> ListAsync(CancellationToken cancellationToken = default)
    {
        await _created.EnsureAsync(cancellationToken).ConfigureAwait(false);
        var leased = await LeaseAllDeadLettersAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return leased
                .Select(m => (m.MessageId, Letter: PoisonMessage.Read(m.Body.ToString(), _options.MaxAttempts, m.InsertedOn ?? _time.GetUtcNow())))
                .Where(m => m.Letter is not null)
                .Select(m => new DeadLetter(m.MessageId, m.Letter!.Value.Request, m.Letter.Value.Attempts, m.Letter.Value.Reason, m.Letter.Value.FailedAt))
                .OrderBy(l => l.FailedAt)
                .ToList();
        }
        finally
        {
            await ReleaseAsync(leased).ConfigureAwait(false);
        }
    }

    public async Task<int> RequeueAsync(string? messageId, CancellationToken cancellationToken = default)
    {
        await _created.EnsureAsync(cancellationToken).ConfigureAwait(false);
        var leased = await LeaseAllDeadLettersAsync(cancellationToken).ConfigureAwait(false);
        var kept = new List<QueueMessage>();
        var moved = 0;
        try
        {
            foreach (var message in leased.OrderBy(m => m.InsertedOn))
            {
                var body = message.Body.ToString();
                if ((messageId is not null && message.MessageId != messageId) || PoisonMessage.Read(body, 0, default) is null)
                {
                    kept.Add(message);
                    continue;
                }

                // Sent before it is deleted: a crash in between leaves a duplicate, never a loss (the job is idempotent).
                await _queue.SendMessageAsync(PoisonMessage.Strip(body), cancellationToken).ConfigureAwait(false);
                await _poison.DeleteMessageAsync(message.MessageId, message.PopReceipt, cancellationToken).ConfigureAwait(false);
                moved++;
            }
        }
        finally
        {
            await ReleaseAsync(kept).ConfigureAwait(false);
        }

        return moved;
    }

    /// <summary>Copies the message to the poison queue, then deletes it; returns false (and undoes the copy) when the lease was lost meanwhile.</summary>
    private async Task<bool> DeadLetterAsync(string messageId, string receipt, string body, int attempts, string reason, CancellationToken cancellationToken)
    {
        var copy = PoisonMessage.Annotate(body, reason, attempts, _time.GetUtcNow());
        var sent = (await _poison.SendMessageAsync(copy, visibilityTimeout: null, timeToLive: NeverExpires, cancellationToken).ConfigureAwait(false)).Value;
        try
        {
            await _queue.DeleteMessageAsync(messageId, receipt, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (RequestFailedException ex) when (StorageErrors.IsLostLease(ex))
        {
            await _poison.DeleteMessageAsync(sent.MessageId, sent.PopReceipt, CancellationToken.None).ConfigureAwait(false);
            return false;
        }
    }

    private async Task<List<QueueMessage>> LeaseAllDeadLettersAsync(CancellationToken cancellationToken)
    {
        var leased = new List<QueueMessage>();
        while (true)
        {
            var batch = (await _poison.ReceiveMessagesAsync(ReceiveBatch, ListingLease, cancellationToken).ConfigureAwait(false)).Value;
            if (batch.Length == 0)
            {
                return leased;
            }

            leased.AddRange(batch);
        }
    }

    private async Task ReleaseAsync(IEnumerable<QueueMessage> messages)
    {
        foreach (var message in messages)
        {
            try
            {
                await _poison.UpdateMessageAsync(message.MessageId, message.PopReceipt, message: (BinaryData?)null, TimeSpan.Zero, CancellationToken.None).ConfigureAwait(false);
            }
            catch (RequestFailedException ex) when (StorageErrors.IsLostLease(ex))
            {
                // Deleted or re-leased by someone else meanwhile; nothing to give back.
            }
        }
    }

    private static TimeSpan Clamp(TimeSpan visibility) => visibility > MaxVisibility ? MaxVisibility : visibility;
}
