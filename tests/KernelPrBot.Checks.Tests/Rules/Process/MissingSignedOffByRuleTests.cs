using KernelPrBot.Checks.Rules.Process;
using KernelPrBot.Testing;
using Xunit;

namespace KernelPrBot.Checks.Tests.Rules.Process;

public sealed class MissingSignedOffByRuleTests
{
    private static readonly MissingSignedOffByRule Rule = new();

    [Fact]
    public void Reports_a_commit_without_any_sign_off()
    {
        var finding = Assert.Single(RuleRunner.Run(Rule, new PatchBuilder().Trailer("Reviewed-by: R <r@example.org>").Build()));
        Assert.Contains("no Signed-off-by: line", finding.Message, StringComparison.Ordinal);
        Assert.Contains("Signed-off-by: Jane Developer <jane@example.org>", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Reports_sign_offs_that_do_not_include_the_author()
    {
        var finding = Assert.Single(RuleRunner.Run(Rule, new PatchBuilder().Trailer("Signed-off-by: Maintainer <maint@example.org>").Build()));
        Assert.Contains("from the patch author 'Jane Developer <jane@example.org>'", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Misspelled_tag_is_not_a_sign_off() =>
        Assert.Single(RuleRunner.Run(Rule, new PatchBuilder().Trailer("Signed-of-by: Jane Developer <jane@example.org>").Build()));

    [Theory]
    [InlineData("Signed-off-by: Jane Developer <jane@example.org>")]
    [InlineData("Signed-off-by: J. Developer <jane@example.org>")]
    [InlineData("signed-off-by: Jane Developer <jane@example.org>")]
    public void Accepts_a_sign_off_by_the_author(string line) =>
        Assert.Empty(RuleRunner.Run(Rule, new PatchBuilder().Trailer(line).Trailer("Signed-off-by: Maintainer <maint@example.org>").Build()));

    [Fact]
    public void Plain_diffs_have_no_commit_to_check() =>
        Assert.Empty(RuleRunner.Run(Rule, "--- a/x.c\n+++ b/x.c\n@@ -1 +1 @@\n-a\n+b\n"));
}
