using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;
using Polly.Timeout;

namespace KernelPrBot.Hosting.Http;

/// <summary>The Polly pipeline of a forge call: total timeout ⟶ retry ⟶ circuit breaker ⟶ attempt timeout.</summary>
internal static class ForgeResiliencePipeline
{
    private static void Configure(ResiliencePipelineBuilder<HttpResponseMessage> builder, ForgeResilienceOptions options, TimeProvider time)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(options.MaxRetries);
        var rules = new ForgeRetryRules(options, time);
        builder.AddTimeout(new TimeoutStrategyOptions { Name = "total", Timeout = options.TotalTimeout });
        if (options.MaxRetries > 0)
        {
            builder.AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                MaxRetryAttempts = options.MaxRetries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.BaseDelay,
                MaxDelay = options.MaxRetryDelay,
                ShouldHandle = args => rules.ShouldRetryAsync(args.Outcome, RequestOf(args.Context, args.Outcome), args.Context.CancellationToken),
                DelayGenerator = args => rules.DelayAsync(args.Outcome, args.Context.CancellationToken),
            });
        }

        builder
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions<HttpResponseMessage>
            {
                FailureRatio = options.CircuitBreakerFailureRatio,
                MinimumThroughput = options.CircuitBreakerMinimumThroughput,
                SamplingDuration = options.CircuitBreakerSamplingDuration,
                BreakDuration = options.CircuitBreakerBreakDuration,
                ShouldHandle = args => ValueTask.FromResult(ForgeRetryRules.IsFailureForCircuit(args.Outcome)),
            })
            .AddTimeout(new TimeoutStrategyOptions { Name = "attempt", Timeout = options.AttemptTimeout });
    }

    public static ResiliencePipeline<HttpResponseMessage> Build(ForgeResilienceOptions options, TimeProvider time)
    {
        var builder = new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = time };
        Configure(builder, options, time);
        return builder.Build();
    }

    private static HttpMethod? RequestOf(ResilienceContext context, Outcome<HttpResponseMessage> outcome) =>
        context.GetRequestMessage()?.Method ?? outcome.Result?.RequestMessage?.Method;
}
