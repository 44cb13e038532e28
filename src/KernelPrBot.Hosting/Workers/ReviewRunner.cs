using KernelPrBot.Review.Jobs;
using KernelPrBot.Review.Model;
using KernelPrBot.Review.Ports;
using Microsoft.Extensions.Logging;

namespace KernelPrBot.Hosting.Workers;

/// <summary>
/// Runs one review request with the configured forge. Shared by the self-hosted worker pool and the Functions queue
/// trigger, so both review alike; a request that fails for good goes to <see cref="FailureReporting"/>.
/// </summary>
public sealed partial class ReviewRunner(CodeHosts hosts, ReviewEnvironment environment, PullRequestLocks locks, FailureReporting failures, ILogger<ReviewRunner> logger)
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
    /// a failure of the last dequeue is reported on the pull request first (<see cref="FailureReporting"/>), then rethrown for the runtime to poison it.
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
                await failures.OnDeadLetteredAsync(request, FailureReporting.Reason(ex)).ConfigureAwait(false);
            }

            throw;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "review {Repository}#{Number} ({Trigger}, attempt {Attempt}): {Outcome}")]
    private partial void LogDone(string repository, int number, ReviewTrigger trigger, int attempt, string outcome);

    [LoggerMessage(Level = LogLevel.Warning, Message = "review {Repository}#{Number} failed on attempt {Attempt} of {MaxAttempts}; dead-lettered: {Dead}")]
    private partial void LogFailed(Exception ex, string repository, int number, int attempt, int maxAttempts, bool dead);
}
