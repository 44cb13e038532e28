namespace KernelPrBot.Hosting.Http;

/// <summary>
/// Turns a rate-limit answer that is left after the retries (or that asked for too long a wait to retry)
/// into <see cref="ForgeRateLimitedException"/>, so the queue retries the whole job at the right time.
/// </summary>
internal sealed class RateLimitHandler(ForgeResilienceOptions options, TimeProvider time) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        var now = time.GetUtcNow();
        var wait = await RateLimitSignals.ReadAsync(response, now, cancellationToken).ConfigureAwait(false);
        if (!wait.IsRateLimit && !(wait.RetryAt - now > options.MaxRetryDelay))
        {
            return response;
        }

        var status = response.StatusCode;
        response.Dispose();
        throw new ForgeRateLimitedException(wait.RetryAt ?? now + options.MaxRetryDelay, status);
    }
}
