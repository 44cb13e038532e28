namespace KernelPrBot.Review.Ingress;

/// <summary>The answer to a webhook delivery: a status code and a short text for the forge's delivery log.</summary>
public sealed record IngressResult(int StatusCode, string Message, ReviewRequestSummary? Enqueued = null)
{
    public static IngressResult Unauthorized(string why) => new(401, why);

    public static IngressResult BadRequest(string why) => new(400, why);

    public static IngressResult TooLarge(string why) => new(413, why);

    /// <summary>Events we do not act on still get a 2xx: forges disable hooks that keep failing.</summary>
    public static IngressResult Ignored(string why) => new(202, "ignored: " + why);
}

/// <summary>What was queued, for the response and the log (no secrets, no payload).</summary>
public sealed record ReviewRequestSummary(string Repository, int Number, string Trigger, string DeliveryId);
