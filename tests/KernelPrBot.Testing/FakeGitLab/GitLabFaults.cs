using System.Globalization;
using KernelPrBot.Testing.FakeGitHub;

namespace KernelPrBot.Testing.FakeGitLab;

/// <summary>GitLab-shaped faults on the shared <see cref="FaultInjector"/>.</summary>
public static class GitLabFaults
{
    internal const string RetryLaterBody = "{\"message\":\"Retry later\"}";

    /// <summary>GitLab's throttling answer: 429 "Retry later" with <c>Retry-After</c> and the RateLimit-* headers.</summary>
    public static void RateLimited(this FaultInjector faults, string method, string pathRegex, int retryAfterSeconds = 1, int times = 1)
    {
        ArgumentNullException.ThrowIfNull(faults);
        faults.Fail(method, pathRegex, 429, times, RateLimitHeaders(TimeProvider.System, retryAfterSeconds), RetryLaterBody);
    }

    internal static Dictionary<string, string> RateLimitHeaders(TimeProvider time, int retryAfterSeconds)
    {
        var reset = time.GetUtcNow().AddSeconds(retryAfterSeconds);
        return new Dictionary<string, string>
        {
            ["Retry-After"] = retryAfterSeconds.ToString(CultureInfo.InvariantCulture),
            ["RateLimit-Limit"] = "2000",
            ["RateLimit-Observed"] = "2001",
            ["RateLimit-Remaining"] = "0",
            ["RateLimit-Reset"] = reset.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture),
            ["RateLimit-ResetTime"] = reset.ToString("r", CultureInfo.InvariantCulture),
        };
    }
}
