using KernelPrBot.Checks.Analysis;

namespace KernelPrBot.Inputs;

/// <summary>Everything one analysis run gets besides the patches, and what could not be provided.</summary>
public sealed record AnalysisInput(AnalysisOptions Options, IReadOnlyList<string> NotChecked)
{
    /// <summary>Problems that came up while the run used its inputs (a checkpatch.pl that failed), one line each.</summary>
    public IReadOnlyList<string> RunProblems => Options.Checkpatch is CheckpatchProcess process ? [.. process.Problems] : [];
}
