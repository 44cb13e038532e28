using KernelPrBot.Review.Ports;

namespace KernelPrBot.Hosting.Queues;

/// <summary>
/// The worker's side of the review queue. A dequeued item stays invisible for the queue's visibility timeout; if it is
/// neither completed nor failed by then (the worker died), it comes back.
/// </summary>
public interface IReviewWorkQueue : IReviewQueue
{
    /// <summary>Leases the oldest visible item, or returns null when there is none.</summary>
    Task<QueuedReview?> TryDequeueAsync(CancellationToken cancellationToken = default);

    /// <summary>Removes a leased item for good. A lease that has expired (and was re-leased) is not removed.</summary>
    Task CompleteAsync(QueuedReview item, CancellationToken cancellationToken = default);

    /// <summary>
    /// Returns a leased item after a failed attempt: it becomes visible again after <paramref name="retryAfter"/>,
    /// or moves to the dead letters when this was its last attempt. Returns true when it was dead-lettered.
    /// </summary>
    Task<bool> FailAsync(QueuedReview item, string reason, TimeSpan retryAfter, CancellationToken cancellationToken = default);
}
