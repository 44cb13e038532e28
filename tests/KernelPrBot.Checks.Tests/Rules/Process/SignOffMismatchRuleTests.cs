using KernelPrBot.Checks.Analysis;
using KernelPrBot.Checks.Patches;
using KernelPrBot.Checks.Rules;
using KernelPrBot.Checks.Rules.Process;
using KernelPrBot.Testing;
using Xunit;

namespace KernelPrBot.Checks.Tests.Rules.Process;

public sealed class SignOffMismatchRuleTests
{
    private static readonly SignOffMismatchRule Rule = new();

    private static string Single(PatchBuilder builder, AnalysisOptions? options = null) =>
        Assert.Single(RuleRunner.Run(Rule, builder.Build(), options)).Message;

    [Fact]
    public void Reports_the_author_signing_off_with_another_name() =>
        Assert.Contains("differ in the name", Single(new PatchBuilder().Trailer("Signed-off-by: Jane D <jane@example.org>")), StringComparison.Ordinal);

    [Fact]
    public void Reports_the_author_signing_off_with_another_address() =>
        Assert.Contains("differ in the address", Single(new PatchBuilder().Trailer("Signed-off-by: Jane Developer <jane@corp.example.com>")), StringComparison.Ordinal);

    [Fact]
    public void Reports_co_developed_by_without_its_sign_off() =>
        Assert.Contains("must be immediately followed", Single(new PatchBuilder().SignedOffByAuthor()
            .Trailer("Co-developed-by: Other Dev <other@example.org>").Trailer("Reviewed-by: R <r@example.org>")), StringComparison.Ordinal);

    [Fact]
    public void Reports_co_developed_by_followed_by_someone_elses_sign_off() =>
        Assert.Contains("another name or address", Single(new PatchBuilder().SignedOffByAuthor()
            .Trailer("Co-developed-by: Other Dev <other@example.org>").Trailer("Signed-off-by: Third Dev <third@example.org>")), StringComparison.Ordinal);

    [Fact]
    public void Reports_co_developed_by_naming_the_author() =>
        Assert.Contains(RuleRunner.Run(Rule, new PatchBuilder().Trailer("Co-developed-by: Jane Developer <jane@example.org>").SignedOffByAuthor().Build()),
            f => f.Message.Contains("names the patch author", StringComparison.Ordinal));

    [Theory]
    [InlineData("Signed-of-by: Jane Developer <jane@example.org>", "did you mean 'Signed-off-by:'")]
    [InlineData("signed-off-by: Jane Developer <jane@example.org>", "write 'Signed-off-by:' exactly")]
    [InlineData(" Signed-off-by: Jane Developer <jane@example.org>", "whitespace before")]
    [InlineData("Signed-off-by:  Jane Developer <jane@example.org>", "single space after")]
    [InlineData("Reviewed-by: Someone", "is not a name and e-mail address")]
    [InlineData("Acked-by: Someone <some@example.org> says hi", "unexpected text 'says hi'")]
    public void Reports_malformed_signature_lines(string line, string expected)
    {
        var findings = RuleRunner.Run(Rule, new PatchBuilder().SignedOffByAuthor().Trailer(line).Build());
        Assert.Contains(findings, f => f.Message.Contains(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void Reports_duplicate_signatures() =>
        Assert.Contains("duplicate signature", Single(new PatchBuilder().SignedOffByAuthor()
            .Trailer("Reviewed-by: R <r@example.org>").Trailer("Reviewed-by: R <r@example.org>")), StringComparison.Ordinal);

    [Fact]
    public void Reports_when_the_submitter_does_not_sign_off_last()
    {
        var options = AnalysisOptions.Default with { Submitter = new Person("Maintainer", "maint@example.org") };
        Assert.Contains("the submitter signs off last", Single(new PatchBuilder().Trailer("Signed-off-by: Maintainer <maint@example.org>").SignedOffByAuthor(), options), StringComparison.Ordinal);
        Assert.Empty(RuleRunner.Run(Rule, new PatchBuilder().SignedOffByAuthor().Trailer("Signed-off-by: Maintainer <maint@example.org>").Build(), options));
    }

    [Fact]
    public void Accepts_a_correct_co_development_chain_and_stable_cc()
    {
        var patch = new PatchBuilder()
            .Trailer("Co-developed-by: Other Dev <other@example.org>")
            .Trailer("Signed-off-by: Other Dev <other@example.org>")
            .SignedOffByAuthor()
            .Trailer("Cc: stable@vger.kernel.org # 6.1.x")
            .Trailer("Reviewed-by: Rev Iewer <rev@example.org>")
            .Trailer("Link: https://lore.kernel.org/r/20260303.1234@example.org")
            .Build();
        Assert.Empty(RuleRunner.Run(Rule, patch));
    }
}
