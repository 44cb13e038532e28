using KernelPrBot.Checks.Kernel;
using KernelPrBot.Checks.Rules;
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
    [InlineData("Fixes: bc23aa949ae (\"igc: Add pcie error handler support\")", "has 11 hex digits; use at least 12")]
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

    [Theory]
    [InlineData("Fixes: bc23aa949aeb (\"igc: Add pcie error handler support\")")]
    [InlineData("Fixes: bc23aa949aeb2 (\"igc: Add pcie error handler support\")")]
    [InlineData("Fixes: bc23aa949aeb2f1c0d9e8f7a6b5c4d3e2f1a0b9c8d7e6f5a (\"igc: Add pcie error handler support\")")]
    [InlineData("This fixes the problem reported in the thread.")]
    public void Accepts_twelve_to_forty_digits_and_prose_mentions(string line) => Assert.Empty(Messages(line));

    private static IReadOnlyList<string> MessagesWithHistory(string fixesLine, params (string Id, CommitLookup Lookup)[] known)
    {
        var history = new CommitHistory("the git history of /src/linux", known.ToDictionary(k => k.Id, k => k.Lookup));
        var patch = new PatchBuilder().Body("Fix the leak.\n\n" + fixesLine).SignedOffByAuthor().Build();
        return RuleRunner.Run(Rule, patch, AnalysisOptions.Default with { History = history }).Select(f => f.Message).ToList();
    }

    private const string Full = "bc23aa949aeb2f1c0d9e8f7a6b5c4d3e2f1a0b9c";

    [Fact]
    public void A_commit_in_the_history_with_its_subject_is_accepted()
    {
        Assert.Empty(MessagesWithHistory("Fixes: bc23aa949aeb (\"igc: Add pcie error handler support\")",
            ("bc23aa949aeb", new CommitLookup(CommitLookupResult.Found, Full, "igc: Add pcie error handler support"))));
        Assert.Empty(MessagesWithHistory("Fixes: bc23aa949aeb (\"igc: Add pcie error  handler support\")",
            ("bc23aa949aeb", new CommitLookup(CommitLookupResult.Found, Full, "igc: Add pcie error handler support"))));
    }

    [Fact]
    public void A_commit_missing_from_the_history_is_reported_and_an_id_not_looked_up_is_not()
    {
        var message = Assert.Single(MessagesWithHistory("Fixes: bc23aa949aeb (\"igc: Add pcie error handler support\")",
            ("bc23aa949aeb", new CommitLookup(CommitLookupResult.Missing))));
        Assert.Equal("Fixes: names bc23aa949aeb, which is not a commit in the git history of /src/linux; check the id (a rebased or local commit?)", message);
        Assert.Empty(MessagesWithHistory("Fixes: bc23aa949aeb (\"igc: Add pcie error handler support\")"));
    }

    [Fact]
    public void A_wrong_subject_is_reported_with_the_commits_real_one()
    {
        var message = Assert.Single(MessagesWithHistory("Fixes: bc23aa949aeb2f (\"igc: add PCIe error handling\")",
            ("bc23aa949aeb2f", new CommitLookup(CommitLookupResult.Found, Full, "igc: Add pcie error handler support"))));
        Assert.Contains("the subject is not that of commit bc23aa949aeb2f, which is (\"igc: Add pcie error handler support\")", message, StringComparison.Ordinal);
        Assert.EndsWith("write 'Fixes: bc23aa949aeb2f (\"igc: Add pcie error handler support\")'", message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_short_id_found_in_the_history_is_completed_to_twelve_digits_with_the_real_subject()
    {
        var message = Assert.Single(MessagesWithHistory("Fixes: bc23aa949a",
            ("bc23aa949a", new CommitLookup(CommitLookupResult.Found, Full, "igc: Add pcie error handler support"))));
        Assert.EndsWith("write 'Fixes: bc23aa949aeb (\"igc: Add pcie error handler support\")'", message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_ambiguous_id_asks_for_more_digits()
    {
        var message = Assert.Single(MessagesWithHistory("Fixes: bc23aa949aeb (\"igc: Add pcie error handler support\")",
            ("bc23aa949aeb", new CommitLookup(CommitLookupResult.Ambiguous))));
        Assert.Contains("names more than one object in the git history of /src/linux; give more digits", message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_suggestion_keeps_the_quoted_subject()
    {
        var message = Assert.Single(Messages("Fixes: bc23aa949aeb2 (igc: Add pcie error handler support)"));
        Assert.EndsWith("write 'Fixes: bc23aa949aeb2 (\"igc: Add pcie error handler support\")'", message, StringComparison.Ordinal);
        Assert.EndsWith("write 'Fixes: bc23aa949aeb (\"subject of that commit\")'", Assert.Single(Messages("Fixes: bc23aa949aeb")), StringComparison.Ordinal);
        Assert.EndsWith("write 'Fixes: bc23aa949aeb (\"igc: Add pcie error handler support\")'",
            Assert.Single(Messages("Fixes: bc23aa949aeb (\"igc: Add pcie error\nhandler support\")")), StringComparison.Ordinal);
        Assert.EndsWith("write 'Fixes: f4fcfdda2fd8 (\"of: reserved_mem: Add functions to parse \"memory-region\"\")'",
            Assert.Single(Messages("Fixes: f4fcfdda2fd8 ('of: reserved_mem: Add functions to parse \"memory-region\"')")), StringComparison.Ordinal);
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
