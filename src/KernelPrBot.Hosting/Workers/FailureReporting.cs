using KernelPrBot.Hosting.Queues;
using KernelPrBot.Hosting.Settings;
using KernelPrBot.Review.Model;
using KernelPrBot.Review.Ports;
using Microsoft.Extensions.Logging;

namespace KernelPrBot.Hosting.Workers;

/// <summary>
/// The one path by which a review that failed for good is shown on its pull request (the forge's status set to
/// errored, through <see cref="IFailureReporter"/>). Every host comes here when a request is dead-lettered:
/// <list type="bullet">
/// <item>A queue that keeps pending reports (<see cref="IFailureReports"/>, SQLite) recorded one with the dead letter, in
/// the same transaction; <see cref="OnDeadLetteredAsync"/> shows every due one, each claimed so that no other worker
/// shows it at the same time, and settles it. One not shown comes back after its lease; an idle worker's
/// <see cref="SweepAsync"/> finds those, and what a killed process left.</item>
/// <item>A queue without them (Azure Storage, and the Functions runtime's own dead-lettering) is shown directly,
/// with <see cref="ReportAttempts"/> tries.</item>
/// </list>
/// Never throws: the dead letter stays either way, and <c>kernel-pr-bot replay</c> can re-drive it.
/// </summary>
public sealed partial class FailureReporting(
    CodeHosts hosts, IReviewWorkQueue queue, KernelPrBotSettings settings, TimeProvider time, ILogger<FailureReporting> logger)
{
    internal const int ReportAttempts = 3;

    internal static readonly TimeSpan ReportRetryDelay = TimeSpan.FromSeconds(1);

    // When an idle worker next looks for unshown failure reports (UTC ticks); 0: at once, so a restart finds
    // what a killed process left.
    private long _nextSweep;

    public static string Reason(Exception ex)
    {
        ArgumentNullException.ThrowIfNull(ex);
        return $"{ex.GetType().Name}: {ex.Message}";
    }

    /// <summary>A request was dead-lettered with <paramref name="reason"/>: show it on its pull request.</summary>
    public Task OnDeadLetteredAsync(ReviewRequest request, string reason) =>
        queue is IFailureReports reports ? ShowDueAsync(reports, CancellationToken.None) : ShowAsync(request, reason);

    /// <summary>Shows reports that are due, at most once per <see cref="QueueSettings.ReportSweepInterval"/> for the whole process.</summary>
    public Task SweepAsync(CancellationToken cancellationToken)
    {
        if (queue is not IFailureReports reports)
        {
            return Task.CompletedTask;
        }

        var now = time.GetUtcNow().UtcTicks;
        var due = Interlocked.Read(ref _nextSweep);
        if (now < due || Interlocked.CompareExchange(ref _nextSweep, now + settings.Queue.ReportSweepInterval.Ticks, due) != due)
        {
            return Task.CompletedTask; // Not yet, or another worker of this process is sweeping.
        }

        return ShowDueAsync(reports, cancellationToken);
    }

    private async Task ShowDueAsync(IFailureReports reports, CancellationToken cancellationToken)
    {
        while (await reports.ClaimAsync(settings.Queue.ReportLease, cancellationToken).ConfigureAwait(false) is { } report)
        {
            var shown = await ShowAsync(report.Request, report.Reason).ConfigureAwait(false);
            if (await reports.SettleAsync(report, shown, CancellationToken.None).ConfigureAwait(false) && !shown)
            {
                LogReportGivenUp(report.Request.Repository, report.Request.Number, report.Try);
            }
        }
    }

    /// <summary>
    /// Tried <see cref="ReportAttempts"/> times: the report is a POST, which the HTTP pipeline does not resend after a
    /// 5xx or a reset, and a forge unwell enough to dead-letter a job often fails the report once too. Returns false
    /// when every try failed, so that a queue keeping pending reports offers it again later.
    /// </summary>
    private async Task<bool> ShowAsync(ReviewRequest request, string reason)
    {
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

    [LoggerMessage(Level = LogLevel.Error, Message = "could not mark {Repository}#{Number} as failed (try {Attempt} of {Attempts})")]
    private partial void LogReportFailed(Exception ex, string repository, int number, int attempt, int attempts);

    [LoggerMessage(Level = LogLevel.Error, Message = "gave up showing the failure of {Repository}#{Number} on the pull request after {Tries} tries; the dead letter stays")]
    private partial void LogReportGivenUp(string repository, int number, int tries);
}
