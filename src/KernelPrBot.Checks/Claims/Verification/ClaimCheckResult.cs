using KernelPrBot.Checks.Claims;
namespace KernelPrBot.Checks.Claims.Verification;

/// <summary>
/// What a kind's check concluded: the verdict, the evidence, and for a confirmation the rule, the new-side line,
/// the message and the fingerprint evidence of the finding to post.
/// </summary>
internal sealed record ClaimCheckResult(ClaimVerdict Verdict, string Evidence, string? RuleId = null, int Line = 0, string? FingerprintEvidence = null)
{
    /// <summary>Another new-side line where a rule reports the same problem (a leak seen at its return): that finding stands for the claim.</summary>
    public int? SameAs { get; init; }

    public static ClaimCheckResult NotCheckable(string why) => new(ClaimVerdict.NotCheckable, why);

    public static ClaimCheckResult Contradicted(string why) => new(ClaimVerdict.Contradicted, why);

    public static ClaimCheckResult Confirmed(string ruleId, int line, string evidence, string fingerprintEvidence) =>
        new(ClaimVerdict.Confirmed, evidence, ruleId, line, fingerprintEvidence);
}
