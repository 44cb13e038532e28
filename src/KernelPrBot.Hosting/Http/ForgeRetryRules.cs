using System.Net;
using Polly;
using Polly.Timeout;

namespace KernelPrBot.Hosting.Http;

/// <summary>
/// Which forge answers are worth another attempt. A request that may have been carried out (a POST that
/// failed with 5xx or timed out) is never sent twice; rate-limit refusals and 503 with Retry-After are safe
/// to resend because the server did not act on them.
/// </summary>
internal sealed class ForgeRetryRules(ForgeResilienceOptions options, TimeProvider time)
{
    // Added to a wait the server names: timers may fire a few milliseconds early, and a retry that
    // arrives just before the reset is refused again.
    internal static readonly TimeSpan ServerWaitMargin = TimeSpan.FromMilliseconds(250);

    public async ValueTask<bool> ShouldRetryAsync(Outcome<HttpResponseMessage> outcome, HttpMethod? method, CancellationToken cancellationToken)
    {
        var idempotent = method is not null && (IsIdempotent(method) || options.RetryWrites);
        if (outcome.Exception is { } exception)
        {
            return idempotent && exception is TimeoutRejectedException or HttpRequestException;
        }

        if (outcome.Result is not { } response)
        {
            return false;
        }

        var now = time.GetUtcNow();
        var wait = await RateLimitSignals.ReadAsync(response, now, cancellationToken).ConfigureAwait(false);
        if (wait.RetryAt - now > options.MaxRetryDelay)
        {
            return false; // too long to hold a worker: the caller turns this into ForgeRateLimitedException
        }

        if (wait.IsRateLimit || (response.StatusCode == HttpStatusCode.ServiceUnavailable && response.Headers.RetryAfter is not null))
        {
            return true;
        }

        return idempotent && IsTransientStatus(response.StatusCode);
    }

    /// <summary>The server's wait when it names one; null lets the exponential backoff decide.</summary>
    public async ValueTask<TimeSpan?> DelayAsync(Outcome<HttpResponseMessage> outcome, CancellationToken cancellationToken)
    {
        if (outcome.Result is not { } response)
        {
            return null;
        }

        var now = time.GetUtcNow();
        var wait = await RateLimitSignals.ReadAsync(response, now, cancellationToken).ConfigureAwait(false);
        return wait.RetryAt is { } retryAt ? Max(retryAt - now, TimeSpan.Zero) + ServerWaitMargin : null;
    }

    /// <summary>Failures that say the forge is unwell (not that we are rate limited or wrong).</summary>
    public static bool IsFailureForCircuit(Outcome<HttpResponseMessage> outcome) => outcome.Exception switch
    {
        TimeoutRejectedException or HttpRequestException => true,
        null => outcome.Result is { } response && ((int)response.StatusCode >= 500 || response.StatusCode == HttpStatusCode.RequestTimeout),
        _ => false,
    };

    public static bool IsWrite(HttpMethod method) =>
        method == HttpMethod.Post || method == HttpMethod.Patch || method == HttpMethod.Put || method == HttpMethod.Delete;

    private static bool IsIdempotent(HttpMethod method) =>
        method == HttpMethod.Get || method == HttpMethod.Head || method == HttpMethod.Options
        || method == HttpMethod.Put || method == HttpMethod.Delete || method == HttpMethod.Patch;

    private static bool IsTransientStatus(HttpStatusCode status) => status is HttpStatusCode.RequestTimeout
        or HttpStatusCode.TooManyRequests
        or HttpStatusCode.InternalServerError
        or HttpStatusCode.BadGateway
        or HttpStatusCode.ServiceUnavailable
        or HttpStatusCode.GatewayTimeout;

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;
}
