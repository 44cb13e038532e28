using KernelPrBot.Hosting.Http;
using KernelPrBot.Hosting.Settings;
using KernelPrBot.Review.Ports;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using KernelPrBot.Hosting.Queues;

namespace KernelPrBot.Hosting.Workers;

/// <summary>
/// The bounded worker pool: each loop takes one request off the queue, runs its review job and completes it;
/// a failure goes back with a growing delay (or the forge's rate-limit reset), and the last one is dead-lettered
/// and reported on the pull request.
/// </summary>
public sealed partial class ReviewWorker(
    IReviewWorkQueue queue, ReviewRunner runner, KernelPrBotSettings settings, TimeProvider time, ILogger<ReviewWorker> logger)
    : BackgroundService
{
    private static readonly TimeSpan MaxRetryDelay = TimeSpan.FromMinutes(10);

    // When an idle worker next looks for unshown failure reports (UTC ticks); 0: at once, so a restart finds
    // what a killed process left.
    private long _nextReportSweep;

    /// <summary>Workers = 0 makes an ingress-only node: it queues, another process reviews.</summary>
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(Enumerable.Range(0, Math.Max(0, settings.Queue.Workers)).Select(_ => LoopAsync(stoppingToken)));

    private async Task LoopAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var item = await queue.TryDequeueAsync(stoppingToken).ConfigureAwait(false);
                if (item is null)
                {
                    await ShowFailureReportsAsync(sweep: true, stoppingToken).ConfigureAwait(false);
                    await Task.Delay(settings.Queue.PollInterval, time, stoppingToken).ConfigureAwait(false);
                    continue;
                }

                await RunOneAsync(item, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                // Shutting down: an unfinished item becomes visible again when its lease runs out.
                return;
            }
            catch (Exception ex)
            {
                LogQueueError(ex);
                await Task.Delay(settings.Queue.PollInterval, time, stoppingToken).ConfigureAwait(false);
            }
        }
    }

    public async Task RunOneAsync(QueuedReview item, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(item);
        var request = item.Request;
        using var lease = new LeaseKeeper(queue, item, settings.Queue.VisibilityTimeout / 3, time);
        try
        {
            await runner.RunAsync(request, item.Attempt, cancellationToken).ConfigureAwait(false);
            await queue.CompleteAsync(await lease.StopAsync().ConfigureAwait(false), CancellationToken.None).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex)
        {
            var reason = ReviewRunner.Reason(ex);
            var delay = ex is ForgeRateLimitedException limited
                ? limited.RetryAt - time.GetUtcNow()
                : TimeSpan.FromTicks(Math.Min(MaxRetryDelay.Ticks, settings.Queue.RetryDelay.Ticks << Math.Min(item.Attempt - 1, 16)));
            var dead = await queue.FailAsync(await lease.StopAsync().ConfigureAwait(false), reason, delay < TimeSpan.Zero ? TimeSpan.Zero : delay, CancellationToken.None).ConfigureAwait(false);
            LogFailed(ex, request.Repository, request.Number, item.Attempt, item.MaxAttempts, dead);
            if (dead && queue is IFailureReports)
            {
                // The dead letter came with a pending report in the same transaction: show it (and any other due one).
                await ShowFailureReportsAsync(sweep: false, CancellationToken.None).ConfigureAwait(false);
            }
            else if (dead)
            {
                await runner.ReportFailureAsync(request, reason).ConfigureAwait(false);
            }
        }
    }

    /// <summary>
    /// Shows due failure reports on their pull requests, each claimed so that no other worker shows it at the same
    /// time. A sweep runs at most once per <see cref="QueueSettings.ReportSweepInterval"/>; after a dead letter it runs at once.
    /// </summary>
    private async Task ShowFailureReportsAsync(bool sweep, CancellationToken cancellationToken)
    {
        if (queue is not IFailureReports reports)
        {
            return;
        }

        var now = time.GetUtcNow().UtcTicks;
        if (sweep)
        {
            var due = Interlocked.Read(ref _nextReportSweep);
            if (now < due || Interlocked.CompareExchange(ref _nextReportSweep, now + settings.Queue.ReportSweepInterval.Ticks, due) != due)
            {
                return; // Not yet, or another worker of this process is sweeping.
            }
        }

        while (await reports.ClaimAsync(settings.Queue.ReportLease, cancellationToken).ConfigureAwait(false) is { } report)
        {
            var shown = await runner.ReportFailureAsync(report.Request, report.Reason).ConfigureAwait(false);
            if (await reports.SettleAsync(report, shown, CancellationToken.None).ConfigureAwait(false) && !shown)
            {
                LogReportGivenUp(report.Request.Repository, report.Request.Number, report.Try);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "review {Repository}#{Number} failed on attempt {Attempt} of {MaxAttempts}; dead-lettered: {Dead}")]
    private partial void LogFailed(Exception ex, string repository, int number, int attempt, int maxAttempts, bool dead);

    [LoggerMessage(Level = LogLevel.Error, Message = "the review queue failed")]
    private partial void LogQueueError(Exception ex);

    [LoggerMessage(Level = LogLevel.Error, Message = "gave up showing the failure of {Repository}#{Number} on the pull request after {Tries} tries; the dead letter stays")]
    private partial void LogReportGivenUp(string repository, int number, int tries);
}
