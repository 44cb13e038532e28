using KernelPrBot.Review.Model;

namespace KernelPrBot.Review.Ports;

/// <summary>
/// Where ingress puts a review request: a durable, at-least-once queue. Taking work off it (leases, retries, dead
/// letters) is the host's business (<c>IReviewWorkQueue</c> in KernelPrBot.Hosting).
/// </summary>
public interface IReviewQueue
{
    Task EnqueueAsync(ReviewRequest request, CancellationToken cancellationToken = default);
}
