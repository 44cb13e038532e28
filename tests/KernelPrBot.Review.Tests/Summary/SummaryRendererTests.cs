using KernelPrBot.Checks;
using KernelPrBot.Checks.Analysis;
using KernelPrBot.Checks.Rules;
using KernelPrBot.Review.Planning;
using KernelPrBot.Review.Summary;
using Xunit;

namespace KernelPrBot.Review.Tests.Summary;

public sealed class SummaryRendererTests
{
    private static Finding Finding(int i, string rule = RuleIds.AtomicSleepingAlloc) => new()
    {
        RuleId = rule,
        Category = RuleCatalog.Find(rule)!.Descriptor.Category,
        Label = RuleCatalog.Find(rule)!.Descriptor.Label,
        HelpLink = RuleCatalog.Find(rule)!.Descriptor.HelpLink,
        Severity = Severity.Error,
        Kind = FindingKind.Code,
        File = "drivers/x.c",
        Line = i + 1,
        EndLine = i + 1,
        Message = "GFP_KERNEL allocation while holding spinlock 'a->lock' " + new string('m', 200),
        Fingerprint = i.ToString("x16"),
    };

    private static SummaryInput Input(IReadOnlyList<Finding> findings) => new()
    {
        Change = Samples.Change(Samples.Buggy),
        Conclusion = findings.Count > 0 ? CheckConclusion.Failure : CheckConclusion.Success,
        Findings = findings,
        Options = ReviewOptions.Default,
        SendEmailCommand = "git send-email --to='Jane <jane@example.org>' *.patch",
    };

    [Fact]
    public void The_summary_has_the_verdict_table_policy_debug_options_and_rerun_help()
    {
        var body = SummaryRenderer.Render(Input([Finding(1), Finding(2, "rcu-deref-outside-read-section")]));

        Assert.StartsWith(Markers.Summary, body, StringComparison.Ordinal);
        Assert.Contains("❌ 2 errors", body, StringComparison.Ordinal);
        Assert.Contains("| atomic | 1 | 0 | 0 |", body, StringComparison.Ordinal);
        Assert.Contains("| rcu | 1 | 0 | 0 |", body, StringComparison.Ordinal);
        Assert.Contains(SummaryRenderer.PolicyUrl, body, StringComparison.Ordinal);
        Assert.Contains("Assisted-by: AGENT_NAME:MODEL_VERSION", body, StringComparison.Ordinal);
        Assert.Contains("CONFIG_DEBUG_ATOMIC_SLEEP", body, StringComparison.Ordinal);
        Assert.Contains("CONFIG_PROVE_RCU", body, StringComparison.Ordinal);
        Assert.DoesNotContain("CONFIG_PROVE_LOCKING", body, StringComparison.Ordinal);
        Assert.Contains("git send-email --to=", body, StringComparison.Ordinal);
        Assert.Contains("/kpb recheck", body, StringComparison.Ordinal);
    }

    [Fact]
    public void Ten_thousand_findings_still_fit_in_one_comment()
    {
        var findings = Enumerable.Range(0, 10_000).Select(i => Finding(i)).ToList();

        var body = SummaryRenderer.Render(Input(findings));

        Assert.True(body.Length <= SummaryRenderer.MaxLength, body.Length.ToString());
        Assert.Contains("more in the check run", body, StringComparison.Ordinal);
    }

    [Fact]
    public void Rendering_is_deterministic()
    {
        var input = Input([Finding(3)]);

        Assert.Equal(SummaryRenderer.Render(input), SummaryRenderer.Render(input));
    }
}
