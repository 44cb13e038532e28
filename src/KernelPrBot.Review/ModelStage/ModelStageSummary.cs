using KernelPrBot.Checks.Claims;
using KernelPrBot.Checks.Claims.Verification;

namespace KernelPrBot.Review.ModelStage;

/// <summary>What the summary comment says of the model stage: the model, the verdicts, what was spent and skipped.</summary>
public sealed record ModelStageSummary(string Model, ModelStageRun Run, IReadOnlyList<VerifiedClaim> Verdicts, IReadOnlyList<string> Dropped, bool PostUnverified)
{
    public int Count(ClaimVerdict verdict) => Verdicts.Count(v => v.Verdict == verdict);

    /// <summary>Confirmed claims the rules had not reported: the findings the stage added.</summary>
    public int Added => Verdicts.Count(v => v is { Verdict: ClaimVerdict.Confirmed, AlreadyReported: false, Finding: not null });
}
