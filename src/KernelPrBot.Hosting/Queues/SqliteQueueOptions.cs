namespace KernelPrBot.Hosting.Queues;

/// <summary>Settings of the SQLite review queue (configuration section <c>KernelPrBot:Queue</c>).</summary>
public sealed class SqliteQueueOptions
{
    /// <summary>The database file; the queue, its dead letters and the delivery log share it.</summary>
    public string Path { get; set; } = "kernel-pr-bot.db";

    /// <summary>How long a dequeued item stays invisible; a worker that dies holds it no longer than this.</summary>
    public TimeSpan VisibilityTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Attempts before an item moves to the dead letters.</summary>
    public int MaxAttempts { get; set; } = 5;

    /// <summary>Tries to show a dead letter on its pull request before the report is given up (the dead letter stays).</summary>
    public int MaxReportTries { get; set; } = 5;
}
