namespace KernelPrBot.Review.Ingress;

/// <summary>What became of a webhook delivery, in the forge-neutral terms the host maps to its transport (HTTP status codes for the server and the Functions worker).</summary>
public enum IngressOutcome
{
    /// <summary>Verified, mapped and on the durable queue.</summary>
    Queued,

    /// <summary>A delivery id seen before: queued already, nothing done.</summary>
    Duplicate,

    /// <summary>Verified, but an event the bot does not act on; still a success, or forges disable hooks that keep failing.</summary>
    Ignored,

    /// <summary>Signature or token missing or wrong, or no secret configured.</summary>
    Unauthorized,

    /// <summary>Not a delivery the bot can read: headers missing, malformed or incomplete payload.</summary>
    Malformed,

    /// <summary>A body over the size limit.</summary>
    TooLarge,

    /// <summary>Could not be queued now; the delivery is forgotten again so that the forge's redelivery counts.</summary>
    Unavailable,
}
