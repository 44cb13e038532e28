using KernelPrBot.Checks.Claims;
using KernelPrBot.Checks.Patches;
using KernelPrBot.Checks.Rules;

namespace KernelPrBot.Checks.Claims.Verification;

/// <summary>
/// Checks a model's claims about one changed file against the analysis of that file. Each claim gets a verdict:
/// out of diff (a line outside the hunks, or in a function the patch does not change: never posted), confirmed
/// (already reported by a rule, or shown by the kind's check: posted as that rule's finding with the analysis'
/// evidence), contradicted (the analysis shows it false: never posted) or not checkable.
/// </summary>
internal static class ClaimVerifier
{
    /// <summary>How far a confirming finding may be from the claimed line: models often point one line off.</summary>
    private const int Slack = 2;

    public static IEnumerable<VerifiedClaim> Verify(
        FileFacts facts, IReadOnlyList<ModelClaim> claims, string model, IReadOnlyList<Finding> fileFindings,
        IReadOnlyDictionary<string, (RuleDescriptor Rule, Severity Severity)> enabled, Dictionary<string, int> ordinals)
    {
        foreach (var claim in claims)
        {
            yield return VerifyOne(facts, claim, model, fileFindings, enabled, ordinals) with { Commit = facts.Patch.Commit?.Id ?? facts.Patch.Commit?.Subject };
        }
    }

    private static VerifiedClaim VerifyOne(
        FileFacts facts, ModelClaim claim, string model, IReadOnlyList<Finding> fileFindings,
        IReadOnlyDictionary<string, (RuleDescriptor Rule, Severity Severity)> enabled, Dictionary<string, int> ordinals)
    {
        if (!InHunks(facts.File, claim.Line))
        {
            return new VerifiedClaim(claim, model, ClaimVerdict.OutOfDiff, $"line {claim.Line} of {claim.File} is not in the diff");
        }

        var confirming = ClaimKinds.RulesConfirming(claim.Kind);
        var reported = fileFindings.Where(f => confirming.Contains(f.RuleId) && Math.Abs(f.Line - claim.Line) <= Slack)
            .OrderBy(f => Math.Abs(f.Line - claim.Line)).FirstOrDefault();
        if (reported is not null)
        {
            return new VerifiedClaim(claim, model, ClaimVerdict.Confirmed, reported.Message, reported, AlreadyReported: true);
        }

        if (claim.Kind == ClaimKinds.Other)
        {
            return new VerifiedClaim(claim, model, ClaimVerdict.NotCheckable, "no rule models this kind of problem");
        }

        var site = Locate(facts, claim);
        if (site is null)
        {
            return Lexical(facts, claim, model, enabled);
        }

        // Where the rules themselves would report: a function the patch changes (whole files), an added line (hunks alone).
        if (!facts.Concerns(site.View, site.Function, site.ViewLine))
        {
            return new VerifiedClaim(claim, model, ClaimVerdict.OutOfDiff, $"{site.FunctionName}() is not changed by the patch at line {claim.Line}");
        }

        var result = claim.Kind switch
        {
            RuleIds.SleepInAtomic or RuleIds.AtomicSleepingAlloc => SleepClaimCheck.Check(site),
            RuleIds.LockNotReleased => LockExitClaimCheck.Check(site),
            RuleIds.LockRecursion => LockRecursionClaimCheck.Check(site),
            RuleIds.RcuDerefOutsideReadSection or RuleIds.LockContextRequired => LockContextClaimCheck.Check(site),
            _ => null,
        };
        if (result is null)
        {
            return Lexical(facts, claim, model, enabled);
        }

        if (result.Verdict != ClaimVerdict.Confirmed)
        {
            return new VerifiedClaim(claim, model, result.Verdict, result.Evidence);
        }

        if (result.SameAs is { } other && fileFindings.FirstOrDefault(f => confirming.Contains(f.RuleId) && f.Line == other) is { } same)
        {
            return new VerifiedClaim(claim, model, ClaimVerdict.Confirmed, $"{result.Evidence}; reported at line {other}", same, AlreadyReported: true);
        }

        if (!enabled.TryGetValue(result.RuleId!, out var rule))
        {
            return new VerifiedClaim(claim, model, ClaimVerdict.NotCheckable, $"{result.Evidence}; but {result.RuleId} is turned off in the configuration");
        }

        if (!InHunks(facts.File, result.Line))
        {
            return new VerifiedClaim(claim, model, ClaimVerdict.OutOfDiff, $"{result.Evidence}; but line {result.Line} is not in the diff");
        }

        var reporter = new RuleReporter(rule.Rule, rule.Severity, ordinals);
        reporter.ReportCode(facts.Patch, facts.File.Path, result.Line, result.Line,
            $"{result.Evidence} (proposed by {model}; confirmed by the analysis)", $"{site.FunctionName}:claim:{result.FingerprintEvidence}", null);
        return new VerifiedClaim(claim, model, ClaimVerdict.Confirmed, result.Evidence, reporter.Findings[0]);
    }

    /// <summary>Kinds whose rule reads every added line by itself: its silence on an added line says no.</summary>
    private static VerifiedClaim Lexical(FileFacts facts, ModelClaim claim, string model, IReadOnlyDictionary<string, (RuleDescriptor Rule, Severity Severity)> enabled)
    {
        var exhaustive = claim.Kind is RuleIds.UnknownSymbol or RuleIds.WrongArity or RuleIds.UnknownHeader or RuleIds.DeprecatedApi or RuleIds.RemovedApi or RuleIds.AllocSizeofPointer;
        var needsIndex = claim.Kind is RuleIds.UnknownSymbol or RuleIds.WrongArity or RuleIds.UnknownHeader;
        var added = facts.File.AddedLines.Any(l => l.NewLine == claim.Line);
        if (exhaustive && added && enabled.ContainsKey(claim.Kind) && (!needsIndex || facts.Options.Symbols is not null) && !facts.BaseNotInTree)
        {
            return new VerifiedClaim(claim, model, ClaimVerdict.Contradicted, $"{claim.Kind} checked line {claim.Line} against {(needsIndex ? "the tree's symbol index" : "the kernel's list")} and found nothing");
        }

        return new VerifiedClaim(claim, model, ClaimVerdict.NotCheckable, facts.IsCSourceFile
            ? $"the analysis cannot place line {claim.Line} in a function it read, or does not model {claim.Kind} there"
            : $"{claim.File} is not C source");
    }

    private static ClaimSite? Locate(FileFacts facts, ModelClaim claim)
    {
        if (!facts.IsCSourceFile)
        {
            return null;
        }

        foreach (var (view, analysis) in facts.Contexts)
        {
            for (var v = 1; v <= view.LineCount; v++)
            {
                if (view.NewLine(v) == claim.Line && analysis.FunctionAt(v) is { } function)
                {
                    return new ClaimSite(claim, facts, view, analysis, function, v);
                }
            }
        }

        return null;
    }

    private static bool InHunks(FileChange file, int line) => file.Hunks.Any(h => line >= h.NewStart && line < h.NewStart + Math.Max(1, h.NewCount));
}
