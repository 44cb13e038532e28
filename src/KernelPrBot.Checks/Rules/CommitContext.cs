using KernelPrBot.Checks.Patches;

namespace KernelPrBot.Checks.Rules;

/// <summary>What one rule sees of one commit, and its own reporter.</summary>
public sealed class CommitContext(Patch patch, CommitInfo commit, AnalysisOptions options, RuleReporter reporter)
{
    public Patch Patch { get; } = patch;

    public CommitInfo Commit { get; } = commit;

    public AnalysisOptions Options { get; } = options;

    /// <summary>Reports on a line of the patch file (a trailer, the subject).</summary>
    public void Report(int patchLine, string message, string evidence, string? hint = null) =>
        reporter.ReportCommit(Patch, Commit, patchLine, message, evidence, hint);
}
