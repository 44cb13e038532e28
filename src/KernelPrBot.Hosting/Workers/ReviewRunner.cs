using KernelPrBot.Review.Jobs;
using KernelPrBot.Review.Model;
using KernelPrBot.Review.Ports;
using Microsoft.Extensions.Logging;

namespace KernelPrBot.Hosting.Workers;

/// <summary>
/// Runs one review request with the configured forge, and reports a request that failed for good on its pull
/// request. Shared by the self-hosted worker pool and the Functions queue trigger, so both review alike.
/// </summary>
public sealed partial class ReviewRunner(CodeHosts hosts, ReviewEnvironment environment, PullRequestLocks locks, TimeProvider time, ILogger<ReviewRunner> logger)
{
    public async Task<ReviewOutcome> RunAsync(ReviewRequest request, int attempt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var host = hosts.For(request.Forge);
        ReviewOutcome outcome;
        using (await locks.AcquireAsync(request, cancellationToken).ConfigureAwait(false))
        {
            outcome = await new ReviewJob(host, environment).RunAsync(request, cancellationToken).ConfigureAwait(false);
        }

        LogDone(request.Repository, request.Number, request.Trigger, attempt, outcome.Message);
        return outcome;
    }

    /// <summary>
    /// For queues that retry and dead-letter by themselves (the Functions runtime): runs the message's request;
    /// a failure of the last dequeue is reported on the pull request first, then rethrown for the runtime to poison it.
    /// </summary>
    public async Task RunQueuedAsync(string messageText, long dequeueCount, int maxDequeueCount, CancellationToken cancellationToken)
    {
        // Unreadable text throws FormatException: retried, then poisoned by the runtime, with nothing to report on.
        var request = ReviewRequestJson.Deserialize(messageText);
        var attempt = (int)Math.Min(int.MaxValue, dequeueCount);
        try
        {
            await RunAsync(request, attempt, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            var last = attempt >= maxDequeueCount;
            LogFailed(ex, request.Repository, request.Number, attempt, maxDequeueCount, last);
            if (last)
            {
                await ReportFailureAsync(request, Reason(ex)).ConfigureAwait(false);
            }

            throw;
        }
    }

    /// <summary>
    /// Marks the pull request's status as errored, when the forge can; never throws (the dead letter stays either way).
    /// Tried <see cref="ReportAttempts"/> times: the report is a POST, which the HTTP pipeline does not resend after a
    /// 5xx or a reset, and a forge unwell enough to dead-letter a job often fails the report once too. Returns false
    /// when every try failed, so that a queue keeping pending reports offers it again later.
    /// </summary>
    public async Task<bool> ReportFailureAsync(ReviewRequest request, string reason)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (hosts.For(request.Forge) is not IFailureReporter reporter)
        {
            return true; // This forge has no status to set: nothing is left to show.
        }

        for (var attempt = 1; attempt <= ReportAttempts; attempt++)
        {
            try
            {
                await reporter.ReportFailureAsync(request, reason, CancellationToken.None).ConfigureAwait(false);
                return true;
            }
            catch (Exception ex)
            {
                LogReportFailed(ex, request.Repository, request.Number, attempt, ReportAttempts);
            }

            if (attempt < ReportAttempts)
            {
                await Task.Delay(ReportRetryDelay * attempt, time).ConfigureAwait(false);
            }
        }

        return false;
    }

    internal const int ReportAttempts = 3;

    internal static readonly TimeSpan ReportRetryDelay = TimeSpan.FromSeconds(1);

    public static string Reason(Exception ex)
    {
        ArgumentNullException.ThrowIfNull(ex);
        return $"{ex.GetType().Name}: {ex.Message}";
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "review {Repository}#{Number} ({Trigger}, attempt {Attempt}): {Outcome}")]
    private partial void LogDone(string repository, int number, ReviewTrigger trigger, int attempt, string outcome);

    [LoggerMessage(Level = LogLevel.Warning, Message = "review {Repository}#{Number} failed on attempt {Attempt} of {MaxAttempts}; dead-lettered: {Dead}")]
    private partial void LogFailed(Exception ex, string repository, int number, int attempt, int maxAttempts, bool dead);

    [LoggerMessage(Level = LogLevel.Error, Message = "could not mark {Repository}#{Number} as failed (try {Attempt} of {Attempts})")]
    private partial void LogReportFailed(Exception ex, string repository, int number, int attempt, int attempts);
}
