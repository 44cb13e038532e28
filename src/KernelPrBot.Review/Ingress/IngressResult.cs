namespace KernelPrBot.Review.Ingress;

/// <summary>The answer to a webhook delivery: its outcome and a short text for the forge's delivery log.</summary>
public sealed record IngressResult(IngressOutcome Outcome, string Message, ReviewRequestSummary? Enqueued = null)
{
    public static IngressResult Unauthorized(string why) => new(IngressOutcome.Unauthorized, why);

    public static IngressResult BadRequest(string why) => new(IngressOutcome.Malformed, why);

    public static IngressResult TooLarge(string why) => new(IngressOutcome.TooLarge, why);

    public static IngressResult Ignored(string why) => new(IngressOutcome.Ignored, "ignored: " + why);
}

/// <summary>What was queued, for the response and the log (no secrets, no payload).</summary>
public sealed record ReviewRequestSummary(string Repository, int Number, string Trigger, string DeliveryId);
