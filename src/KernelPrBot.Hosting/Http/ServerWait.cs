namespace KernelPrBot.Hosting.Http;

/// <summary>What a forge answer says about waiting: whether it is a rate-limit refusal, and until when to wait (if it says).</summary>
internal readonly record struct ServerWait(bool IsRateLimit, DateTimeOffset? RetryAt)
{
    public static readonly ServerWait None = new(false, null);
}
