using KernelPrBot.Checks.Rules.Process;
using KernelPrBot.Testing;
using Xunit;

namespace KernelPrBot.Checks.Tests.Rules.Process;

public sealed class FixesTagRuleTests
{
    private static readonly FixesTagRule Rule = new();

    private static IReadOnlyList<string> Messages(string fixesLines) =>
        RuleRunner.Run(Rule, new PatchBuilder().Body("Fix the leak.\n\n" + fixesLines).SignedOffByAuthor().Build()).Select(f => f.Message).ToList();

    [Theory]
    [InlineData("Fixes: bc23aa949ae (\"igc: Add pcie error handler support\")", "has 11 hex digits; use 12")]
    [InlineData("Fixes: bc23aa949aeb2f1c (\"igc: Add pcie error handler support\")", "use the first 12")]
    [InlineData("Fixes: BC23AA949AEB (\"igc: Add pcie error handler support\")", "upper case")]
    [InlineData("Fixes: bc23aa949aeb igc: Add pcie error handler support", "parentheses and quotes")]
    [InlineData("Fixes: bc23aa949aeb (igc: Add pcie error handler support)", "double quotes")]
    [InlineData("fixes: bc23aa949aeb (\"igc: Add pcie error handler support\")", "spelled 'fixes:'")]
    [InlineData("Fixes: commit bc23aa949aeb (\"igc: Add pcie error handler support\")", "drop the word 'commit'")]
    [InlineData("Fixes:  bc23aa949aeb (\"igc: Add pcie error handler support\")", "exactly one space")]
    [InlineData("Fixes: bc23aa949aeb", "subject of the fixed commit is missing")]
    [InlineData("Fixes: bc23aa949aeb (\"igc: Add pcie error\n handler support\")", "wrapped onto the next line")]
    public void Reports_each_malformation(string line, string expected) =>
        Assert.Contains(Messages(line), m => m.Contains(expected, StringComparison.Ordinal));

    [Fact]
    public void Accepts_the_canonical_form_and_prose_mentions()
    {
        Assert.Empty(Messages("Fixes: bc23aa949aeb (\"igc: Add pcie error handler support\")"));
        Assert.Empty(Messages("This fixes the problem reported in the thread."));
    }

    [Fact]
    public void The_suggestion_keeps_the_quoted_subject()
    {
        var message = Assert.Single(Messages("Fixes: bc23aa949aeb2 (igc: Add pcie error handler support)"));
        Assert.EndsWith("write 'Fixes: bc23aa949aeb (\"igc: Add pcie error handler support\")'", message, StringComparison.Ordinal);
        Assert.EndsWith("write 'Fixes: bc23aa949aeb (\"subject of that commit\")'", Assert.Single(Messages("Fixes: bc23aa949aeb")), StringComparison.Ordinal);
        Assert.EndsWith("write 'Fixes: bc23aa949aeb (\"igc: Add pcie error handler support\")'",
            Assert.Single(Messages("Fixes: bc23aa949aeb (\"igc: Add pcie error\nhandler support\")")), StringComparison.Ordinal);
        Assert.EndsWith("write 'Fixes: bc23aa949ae… (\"igc: fix (again) the handler\")'",
            Assert.Single(Messages("Fixes: bc23aa949ae (igc: fix (again) the handler)")), StringComparison.Ordinal);
    }

    [Fact]
    public void Fingerprint_follows_the_sha_not_the_line()
    {
        var a = RuleRunner.Run(Rule, new PatchBuilder().Body("Short.\n\nFixes: bc23aa949ae (\"x\")").SignedOffByAuthor().Build());
        var b = RuleRunner.Run(Rule, new PatchBuilder().Body("A much longer body.\nWith more lines.\n\nFixes: bc23aa949ae (\"x\")").SignedOffByAuthor().Build());
        Assert.NotEqual(Assert.Single(a).Line, Assert.Single(b).Line);
        Assert.Equal(a[0].Fingerprint, b[0].Fingerprint);
    }
}
