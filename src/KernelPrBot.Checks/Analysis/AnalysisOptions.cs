using KernelPrBot.Checks.Kernel;
using KernelPrBot.Checks.Patches;

namespace KernelPrBot.Checks.Analysis;

/// <summary>Per-run inputs besides the patch: who submits it, and the licence table in force.</summary>
public sealed record AnalysisOptions
{
    public static AnalysisOptions Default { get; } = new();

    /// <summary>The person sending the series; when known, the last Signed-off-by must be theirs.</summary>
    public Person? Submitter { get; init; }

    public SpdxLicenseTable Licenses { get; init; } = SpdxLicenseTable.Builtin;
}
