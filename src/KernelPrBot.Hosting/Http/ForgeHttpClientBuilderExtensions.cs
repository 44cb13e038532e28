using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace KernelPrBot.Hosting.Http;

public static class ForgeHttpClientBuilderExtensions
{
    /// <summary>
    /// Puts a named or typed forge client behind the forge handler chain (see <see cref="ForgeHttpHandlers"/>).
    /// The circuit breaker is shared by all clients of this name; write serialisation by the whole process.
    /// </summary>
    public static IHttpClientBuilder AddForgeResilience(this IHttpClientBuilder builder, ForgeResilienceOptions options)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(options);
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.RedactLoggedHeaders(["Authorization", "PRIVATE-TOKEN"]);
        // The pipeline's total timeout bounds each attempt series; HttpClient's 100 s default would cut it short.
        builder.ConfigureHttpClient(client => client.Timeout = Timeout.InfiniteTimeSpan);
        builder.AddHttpMessageHandler(services => new WriteSerializingHandler(WriteGates.Shared, options.MinWriteInterval, services.GetRequiredService<TimeProvider>()));
        builder.AddHttpMessageHandler(services => new RateLimitHandler(options, services.GetRequiredService<TimeProvider>()));
        builder.AddResilienceHandler("forge", (pipeline, context) =>
            ForgeResiliencePipeline.Configure(pipeline, options, context.ServiceProvider.GetRequiredService<TimeProvider>()));
        return builder;
    }
}
