using System.Globalization;
using System.Net;
using System.Net.Http.Headers;

namespace KernelPrBot.Hosting.Http;

/// <summary>
/// Reads the forges' rate-limit answers: <c>Retry-After</c>; GitHub's <c>x-ratelimit-remaining: 0</c> with
/// <c>x-ratelimit-reset</c> (403 or 429); GitLab's <c>RateLimit-Reset</c> (429); GitHub's secondary-limit
/// 403/429 whose only sign is its message, which asks for at least a minute.
/// </summary>
internal static class RateLimitSignals
{
    public static readonly TimeSpan SecondaryLimitWait = TimeSpan.FromMinutes(1);

    // Rate-limit bodies are short JSON messages; a bigger body is something else.
    private const int MaxBodyToInspect = 64 * 1024;

    public static async ValueTask<ServerWait> ReadAsync(HttpResponseMessage response, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var retryAfter = RetryAfter(response, now);
        var status = response.StatusCode;
        if (status is not (HttpStatusCode.TooManyRequests or HttpStatusCode.Forbidden))
        {
            return new ServerWait(false, retryAfter);
        }

        var exhausted = HeaderNumber(response.Headers, "x-ratelimit-remaining") == 0;
        var reset = exhausted ? EpochHeader(response.Headers, "x-ratelimit-reset") : null;
        if (status == HttpStatusCode.TooManyRequests)
        {
            reset ??= EpochHeader(response.Headers, "RateLimit-Reset");
        }

        if (retryAfter is not null || reset is not null || exhausted)
        {
            return new ServerWait(true, retryAfter ?? reset);
        }

        if (await MentionsSecondaryLimitAsync(response, cancellationToken).ConfigureAwait(false))
        {
            return new ServerWait(true, now + SecondaryLimitWait);
        }

        // A bare 429 is a rate limit whose end is unknown (some GitLab.com answers): back off.
        return status == HttpStatusCode.TooManyRequests ? new ServerWait(true, null) : ServerWait.None;
    }

    private static DateTimeOffset? RetryAfter(HttpResponseMessage response, DateTimeOffset now)
    {
        var header = response.Headers.RetryAfter;
        if (header?.Delta is { } delta)
        {
            return now + (delta < TimeSpan.Zero ? TimeSpan.Zero : delta);
        }

        return header?.Date;
    }

    private static DateTimeOffset? EpochHeader(HttpResponseHeaders headers, string name)
    {
        var seconds = HeaderNumber(headers, name);
        // Anything outside DateTimeOffset's range is not a reset time.
        return seconds is >= 0 and < 253_402_300_800 ? DateTimeOffset.FromUnixTimeSeconds(seconds.Value) : null;
    }

    private static long? HeaderNumber(HttpResponseHeaders headers, string name) =>
        headers.TryGetValues(name, out var values)
        && long.TryParse(values.FirstOrDefault(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var number)
            ? number
            : null;

    private static async ValueTask<bool> MentionsSecondaryLimitAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (response.Content.Headers.ContentLength > MaxBodyToInspect)
        {
            return false;
        }

        try
        {
            // Buffering keeps the body readable for whoever gets the response.
            await response.Content.LoadIntoBufferAsync(MaxBodyToInspect, cancellationToken).ConfigureAwait(false);
            var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            return body.Contains("secondary rate limit", StringComparison.OrdinalIgnoreCase)
                || body.Contains("abuse detection", StringComparison.OrdinalIgnoreCase);
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }
}
