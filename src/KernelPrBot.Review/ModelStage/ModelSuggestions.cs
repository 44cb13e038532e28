using System.Globalization;
using KernelPrBot.Checks.Claims;
using KernelPrBot.Checks.Claims.Verification;
using KernelPrBot.Checks.Rules;

namespace KernelPrBot.Review.ModelStage;

/// <summary>
/// Claims the analysis could not check, as findings for Llm:PostUnverified: notes of their own pseudo-rule, each
/// saying plainly that a model (named) proposed it and nothing verified it.
/// </summary>
public static class ModelSuggestions
{
    public const string RuleId = "model-suggestion";

    public static Finding ToFinding(VerifiedClaim claim)
    {
        ArgumentNullException.ThrowIfNull(claim);
        var c = claim.Claim;
        var evidence = $"{c.Kind}:{c.Function}:{Hash(c.Explanation)}";
        return new Finding
        {
            RuleId = RuleId,
            Category = RuleCategory.Model,
            Label = RuleDescriptor.LabelPrefix + "model",
            HelpLink = "docs/model-stage.md",
            Severity = Severity.Note,
            Kind = FindingKind.Code,
            File = c.File,
            Line = c.Line,
            EndLine = c.Line,
            Message = $"Suggestion by {claim.Model}, not verified by the analysis ({c.Kind}, confidence {c.Confidence.ToString("0.##", CultureInfo.InvariantCulture)}): " +
                      Summary.ModelStageSection.Inline(c.Explanation),
            Hint = $"Why it was not checked: {claim.Evidence}",
            Fingerprint = Fingerprint.Compute(RuleId, "file:" + c.File, evidence, 0),
            Commit = claim.Commit,
        };
    }

    private static string Hash(string text) =>
        Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text)))[..12];
}
