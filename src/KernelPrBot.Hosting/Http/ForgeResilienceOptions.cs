namespace KernelPrBot.Hosting.Http;

/// <summary>How forge calls are retried, timed out, broken off and paced.</summary>
public sealed class ForgeResilienceOptions
{
    /// <summary>Retries after the first attempt.</summary>
    public int MaxRetries { get; set; } = 4;

    /// <summary>The first backoff delay; later ones grow exponentially, with jitter.</summary>
    public TimeSpan BaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// The longest wait before a retry. A server that asks for a longer wait gets no retry: the call throws
    /// <see cref="ForgeRateLimitedException"/>, so the job is retried later instead of holding a worker.
    /// </summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(60);

    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>All attempts and waits of one call together.</summary>
    public TimeSpan TotalTimeout { get; set; } = TimeSpan.FromMinutes(3);

    /// <summary>Pause between the end of one content-creating request and the start of the next, per installation (GitHub asks for 1 s).</summary>
    public TimeSpan MinWriteInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The share of failed attempts within <see cref="CircuitBreakerSamplingDuration"/> that opens the circuit.</summary>
    public double CircuitBreakerFailureRatio { get; set; } = 0.5;

    /// <summary>Attempts needed in a sampling window before the circuit can open.</summary>
    public int CircuitBreakerMinimumThroughput { get; set; } = 10;

    public TimeSpan CircuitBreakerSamplingDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Resend POSTs that failed with a 5xx or timed out. Off for forges (a POST there may have been carried out); on for
    /// the model endpoint, where a chat completion changes nothing and only costs tokens.
    /// </summary>
    public bool RetryWrites { get; set; }

    /// <summary>How long an open circuit fails calls at once before letting one through to test the forge.</summary>
    public TimeSpan CircuitBreakerBreakDuration { get; set; } = TimeSpan.FromSeconds(30);
}
