namespace KernelPrBot.Hosting.Queues;

/// <summary>
/// A queue that can keep a long job's item hidden for another visibility timeout. Returns the item as it now stands
/// (some queues hand out a new receipt), or null when the lease was already lost to another worker.
/// </summary>
public interface ILeaseRenewal
{
    Task<QueuedReview?> RenewAsync(QueuedReview item, CancellationToken cancellationToken = default);
}
