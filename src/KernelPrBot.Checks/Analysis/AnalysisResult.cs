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
    /// <summary>Each model claim with its verdict (empty without a model stage).</summary>
    public IReadOnlyList<Claims.Verification.VerifiedClaim> Claims { get; init; } = [];

    /// <summary>Model answers that were not well-formed claims, with the reason (never posted, counted).</summary>
    public IReadOnlyList<string> DroppedClaims { get; init; } = [];

    public int Count(Severity severity) => Findings.Count(f => f.Severity == severity);
}
