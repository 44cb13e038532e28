using KernelPrBot.Checks.Claims;
using KernelPrBot.Checks.Rules;

namespace KernelPrBot.Checks.Claims.Verification;

/// <summary>
/// A claim and what the analysis made of it: the verdict, the evidence (the analysis' own chain of facts, or why
/// it could not check), and, when confirmed, the finding that is posted (<see cref="AlreadyReported"/> when the rules
/// had reported it without the model).
/// </summary>
public sealed record VerifiedClaim(ModelClaim Claim, string Model, ClaimVerdict Verdict, string Evidence, Finding? Finding = null, bool AlreadyReported = false)
{
    /// <summary>The commit the claim is about: its id, else its subject.</summary>
    public string? Commit { get; init; }

    public static string VerdictWord(ClaimVerdict verdict) => verdict switch
    {
        ClaimVerdict.Confirmed => "confirmed",
        ClaimVerdict.Contradicted => "contradicted",
        ClaimVerdict.NotCheckable => "not checkable",
        _ => "out of diff",
    };
}
