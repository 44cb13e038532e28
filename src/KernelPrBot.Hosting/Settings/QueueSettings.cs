namespace KernelPrBot.Hosting.Settings;

public sealed class QueueSettings
{
    /// <summary><c>sqlite</c> (the embedded default) or <c>azure</c>.</summary>
    public string Kind { get; set; } = "sqlite";

    public string Path { get; set; } = "kernel-pr-bot.db";

    public string? ConnectionString { get; set; }

    /// <summary>For accounts without shared keys: the queue and table endpoints, reached with the app's managed identity.</summary>
    public string? QueueServiceUri { get; set; }

    public string? TableServiceUri { get; set; }

    public bool UsesServiceUris => string.IsNullOrWhiteSpace(ConnectionString) && !string.IsNullOrWhiteSpace(QueueServiceUri) && !string.IsNullOrWhiteSpace(TableServiceUri);

    /// <summary>How long a taken job stays hidden; a worker that dies gives it back after this.</summary>
    public TimeSpan VisibilityTimeout { get; set; } = TimeSpan.FromMinutes(5);

    public int MaxAttempts { get; set; } = 5;

    /// <summary>Review jobs run at once; 0 runs ingress only (another process takes the jobs).</summary>
    public int Workers { get; set; } = 2;

    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>First wait before retrying a failed job; doubles per attempt, at most 10 minutes.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>
    /// How often an idle worker looks for dead letters not yet shown on their pull request (a process killed
    /// between dead-lettering and reporting leaves one); every worker also looks when it starts.
    /// </summary>
    public TimeSpan ReportSweepInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How long a worker holds a failure report it is showing before another may take it over.</summary>
    public TimeSpan ReportLease { get; set; } = TimeSpan.FromMinutes(2);
}
