using Microsoft.Extensions.Http.Resilience;

namespace KernelPrBot.Hosting.Http;

/// <summary>
/// The handler chain every forge call goes through, for clients made without dependency injection (the
/// GitHub adapter makes an Octokit client per installation): write serialiser ⟶ rate-limit exception ⟶
/// resilience pipeline ⟶ the network.
/// </summary>
public static class ForgeHttpHandlers
{
    /// <summary>
    /// Names the installation a request acts for, so that its writes are serialised with the installation's
    /// other writes. Without it the Authorization (or PRIVATE-TOKEN) header identifies the installation.
    /// </summary>
    public static readonly HttpRequestOptionsKey<string> InstallationKey = new("KernelPrBot.Installation");

    /// <summary>
    /// Builds the chain over <paramref name="inner"/> (a new <see cref="SocketsHttpHandler"/> by default).
    /// Each call has its own circuit breaker; write serialisation is shared process-wide, so reuse one
    /// handler for all clients of a forge where possible (with <c>disposeHandler: false</c>). Give the
    /// HttpClient a timeout of at least <see cref="ForgeResilienceOptions.TotalTimeout"/> (or none): its
    /// 100 s default would end a call that is waiting out a rate limit.
    /// </summary>
    public static HttpMessageHandler Create(ForgeResilienceOptions options, TimeProvider? time = null, HttpMessageHandler? inner = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        time ??= TimeProvider.System;
#pragma warning disable CA2000 // each handler is owned and disposed by the one outside it
        return new WriteSerializingHandler(WriteGates.Shared, options.MinWriteInterval, time) { InnerHandler = Unpaced(options, time, inner) };
#pragma warning restore CA2000
    }

    /// <summary>
    /// The chain without write pacing: rate-limit exception ⟶ resilience pipeline ⟶ the network. The model stage's
    /// calls use it alone (a chat completion creates no content on a forge; <see cref="ForgeResilienceOptions.RetryWrites"/> resends it).
    /// </summary>
    public static HttpMessageHandler Unpaced(ForgeResilienceOptions options, TimeProvider? time = null, HttpMessageHandler? inner = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        time ??= TimeProvider.System;
#pragma warning disable CA2000 // each handler is owned and disposed by the one outside it
        return new RateLimitHandler(options, time)
        {
            InnerHandler = new ResilienceHandler(ForgeResiliencePipeline.Build(options, time))
            {
                InnerHandler = inner ?? new SocketsHttpHandler
                {
                    // Renews connections so DNS changes of the forge are picked up.
                    PooledConnectionLifetime = TimeSpan.FromMinutes(5),
                    AutomaticDecompression = System.Net.DecompressionMethods.All,
                },
            },
        };
#pragma warning restore CA2000
    }
}
