using KernelPrBot.Hosting.Http;
using KernelPrBot.Hosting.Queues;
using KernelPrBot.Hosting.Settings;
using KernelPrBot.Review.Ports;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace KernelPrBot.Hosting.Workers;

/// <summary>
/// The bounded worker pool: each loop takes one request off the queue, runs its review job and completes it;
/// a failure goes back with a growing delay (or the forge's rate-limit reset), and the last one is dead-lettered
/// and shown on the pull request (<see cref="FailureReporting"/>); idle loops sweep for reports left unshown.
/// </summary>
public sealed partial class ReviewWorker(
    IReviewWorkQueue queue, ReviewRunner runner, FailureReporting failures, KernelPrBotSettings settings, TimeProvider time, ILogger<ReviewWorker> logger)
    : BackgroundService
{
    private static readonly TimeSpan MaxRetryDelay = TimeSpan.FromMinutes(10);

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
                    await failures.SweepAsync(stoppingToken).ConfigureAwait(false);
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
            var reason = FailureReporting.Reason(ex);
            var delay = ex is ForgeRateLimitedException limited
                ? limited.RetryAt - time.GetUtcNow()
                : TimeSpan.FromTicks(Math.Min(MaxRetryDelay.Ticks, settings.Queue.RetryDelay.Ticks << Math.Min(item.Attempt - 1, 16)));
            var dead = await queue.FailAsync(await lease.StopAsync().ConfigureAwait(false), reason, delay < TimeSpan.Zero ? TimeSpan.Zero : delay, CancellationToken.None).ConfigureAwait(false);
            LogFailed(ex, request.Repository, request.Number, item.Attempt, item.MaxAttempts, dead);
            if (dead)
            {
                await failures.OnDeadLetteredAsync(request, reason).ConfigureAwait(false);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "review {Repository}#{Number} failed on attempt {Attempt} of {MaxAttempts}; dead-lettered: {Dead}")]
    private partial void LogFailed(Exception ex, string repository, int number, int attempt, int maxAttempts, bool dead);

    [LoggerMessage(Level = LogLevel.Error, Message = "the review queue failed")]
    private partial void LogQueueError(Exception ex);
}
