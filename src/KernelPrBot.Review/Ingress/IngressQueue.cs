using KernelPrBot.Review.Model;
using KernelPrBot.Review.Ports;

namespace KernelPrBot.Review.Ingress;

/// <summary>
/// The last step of every ingress: de-duplicate on the delivery id, enqueue, answer "queued". If the enqueue
/// fails, the delivery is forgotten again and the forge is told to redeliver (a 503 over HTTP), so its redelivery is not dropped as a duplicate.
/// </summary>
public sealed class IngressQueue(IReviewQueue queue, IDeliveryLog deliveries)
{
    public const int MaxDeliveryIdLength = 200;

    public async Task<IngressResult> EnqueueAsync(ReviewRequest request, CancellationToken cancellationToken = default)
    {
        var forge = request.Forge.ToString();
        if (request.DeliveryId.Length is 0 or > MaxDeliveryIdLength)
        {
            return IngressResult.BadRequest("delivery id missing or too long");
        }

        if (!await deliveries.TryRecordAsync(forge, request.DeliveryId, cancellationToken).ConfigureAwait(false))
        {
            return new IngressResult(IngressOutcome.Duplicate, "duplicate delivery: already queued");
        }

        try
        {
            await queue.EnqueueAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception) when (!cancellationToken.IsCancellationRequested)
        {
            await deliveries.ForgetAsync(forge, request.DeliveryId, CancellationToken.None).ConfigureAwait(false);
            return new IngressResult(IngressOutcome.Unavailable, "could not queue the review; please redeliver");
        }

        return new IngressResult(IngressOutcome.Queued, "queued",
            new ReviewRequestSummary(request.Repository, request.Number, request.Trigger.ToString(), request.DeliveryId));
    }
}
