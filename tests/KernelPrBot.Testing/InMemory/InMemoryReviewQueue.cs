using System.Collections.Concurrent;
using KernelPrBot.Review.Model;
using KernelPrBot.Review.Ports;

namespace KernelPrBot.Testing.InMemory;

/// <summary>
/// The ingress side of the review queue in memory, for tests of a forge's ingress that need no durable queue: what was
/// queued can be taken back in order, and <see cref="FailNextEnqueue"/> makes the next enqueue throw as a full disk or
/// a lost storage account would.
/// </summary>
public sealed class InMemoryReviewQueue : IReviewQueue
{
    private readonly ConcurrentQueue<ReviewRequest> _queued = new();
    private int _failNext;

    public int Count => _queued.Count;

    /// <summary>The next <see cref="EnqueueAsync"/> throws <see cref="IOException"/> and queues nothing.</summary>
    public void FailNextEnqueue() => Interlocked.Exchange(ref _failNext, 1);

    public Task EnqueueAsync(ReviewRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        cancellationToken.ThrowIfCancellationRequested();
        if (Interlocked.Exchange(ref _failNext, 0) == 1)
        {
            throw new IOException("the queue's storage is unavailable");
        }

        _queued.Enqueue(request);
        return Task.CompletedTask;
    }

    /// <summary>The oldest queued request, removed; null when none is left.</summary>
    public ReviewRequest? TryTake() => _queued.TryDequeue(out var request) ? request : null;
}
