namespace KernelPrBot.Hosting.Queues;

/// <summary>Review requests that failed their last attempt, kept with the reason until someone re-drives them.</summary>
public interface IDeadLetterStore
{
    Task<IReadOnlyList<DeadLetter>> ListAsync(CancellationToken cancellationToken = default);

    /// <summary>Puts dead letters back on the queue with a fresh attempt count: one by id, or all when id is null. Returns how many.</summary>
    Task<int> RequeueAsync(string? messageId, CancellationToken cancellationToken = default);
}
