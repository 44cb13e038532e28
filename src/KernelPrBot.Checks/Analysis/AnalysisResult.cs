using KernelPrBot.Checks.Patches;
using KernelPrBot.Checks.Rules;

namespace KernelPrBot.Checks.Analysis;

/// <summary>What a run produced: findings, problems with the input, and notes on what could not be checked.</summary>
public sealed record AnalysisResult(
    IReadOnlyList<Finding> Findings,
    IReadOnlyList<PatchDiagnostic> Diagnostics,
    IReadOnlyList<string> Notes,
    int CommitCount,
    int FileCount)
{
    public int Count(Severity severity) => Findings.Count(f => f.Severity == severity);
}
