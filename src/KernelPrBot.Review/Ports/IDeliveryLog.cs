namespace KernelPrBot.Review.Ports;

/// <summary>
/// Remembers webhook delivery ids so a redelivered event is not reviewed twice. Ingress records first and
/// forgets again if it then cannot enqueue, so a failed enqueue never swallows the forge's retry.
/// </summary>
public interface IDeliveryLog
{
    /// <summary>Returns false when the delivery was recorded before.</summary>
    Task<bool> TryRecordAsync(string forge, string deliveryId, CancellationToken cancellationToken = default);

    Task ForgetAsync(string forge, string deliveryId, CancellationToken cancellationToken = default);
}
