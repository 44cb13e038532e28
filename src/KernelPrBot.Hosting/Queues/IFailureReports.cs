namespace KernelPrBot.Hosting.Queues;

/// <summary>
/// Dead letters whose failure is not shown on their pull request yet. Dead-lettering records one in the same
/// transaction, so a process killed before it reported (or one whose job died on its last lease) leaves it here for
/// the next worker. A worker claims one for a while, shows it, and settles it; an unsettled claim comes back.
/// </summary>
public interface IFailureReports
{
    /// <summary>Claims the oldest due report for <paramref name="lease"/>, or returns null when none is due.</summary>
    Task<PendingFailureReport?> ClaimAsync(TimeSpan lease, CancellationToken cancellationToken = default);

    /// <summary>
    /// Ends a claim: a shown report is done; one not shown comes back when its lease runs out, until it has been
    /// tried <see cref="PendingFailureReport.MaxTries"/> times. Returns true when the report is finished either way.
    /// </summary>
    Task<bool> SettleAsync(PendingFailureReport report, bool shown, CancellationToken cancellationToken = default);
}
