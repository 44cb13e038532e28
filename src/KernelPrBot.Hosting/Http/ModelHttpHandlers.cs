using Microsoft.Extensions.Http.Resilience;

namespace KernelPrBot.Hosting.Http;

/// <summary>
/// The handler chain of model calls: the forge's resilience (retries with backoff, 429 and 503 with Retry-After,
/// per-attempt and total timeouts, circuit breaker), with chat completions resent like reads; no write pacing.
/// </summary>
public static class ModelHttpHandlers
{
    public static HttpMessageHandler Create(ForgeResilienceOptions options, TimeProvider? time = null, HttpMessageHandler? inner = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        time ??= TimeProvider.System;
#pragma warning disable CA2000 // each handler is owned and disposed by the one outside it
        return new RateLimitHandler(options, time)
        {
            InnerHandler = new ResilienceHandler(ForgeResiliencePipeline.Build(options, time))
            {
                InnerHandler = inner ?? new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5), AutomaticDecompression = System.Net.DecompressionMethods.All },
            },
        };
#pragma warning restore CA2000
    }
}
