using KernelPrBot.Checks.Claims;
using KernelPrBot.Testing;
using Xunit;

namespace KernelPrBot.Checks.Tests.Claims;

/// <summary>
/// The recorded answers of a blind model reviewer on the real-regression set (tests/fixtures/model-answers): they are
/// test data for the verifier, so they must read as the stage's schema with nothing dropped.
/// </summary>
public sealed class RecordedAnswersTests
{
    private static ModelAnswers Recorded() => ClaimReader.ReadAnswers(File.ReadAllBytes(TestPaths.Fixture("model-answers", "regressions.json")));

    [Fact]
    public void Every_case_has_an_answer_in_the_stage_schema_with_its_cost()
    {
        var answers = Recorded();

        Assert.Equal(29, answers.Patches.Count);
        Assert.All(answers.Patches, p =>
        {
            Assert.Matches("^[0-9a-f]{40}$", p.Commit);
            Assert.Empty(p.Dropped);
            Assert.True(p.Usage.ToolCalls > 0 && p.Usage.InputTokens > 0);
        });
        Assert.Equal(answers.Patches.Count, answers.Patches.Select(p => p.Commit).Distinct().Count());
        Assert.True(answers.Patches.Sum(p => p.Claims.Count) >= answers.Patches.Count);
    }

    [Fact]
    public void Claims_name_files_of_the_tree_and_kinds_the_verifier_knows()
    {
        foreach (var claim in Recorded().Patches.SelectMany(p => p.Claims))
        {
            Assert.True(ClaimKinds.IsKnown(claim.Kind));
            Assert.DoesNotContain("..", claim.File, StringComparison.Ordinal);
            Assert.True(claim.File.EndsWith(".c", StringComparison.Ordinal) || claim.File.EndsWith(".h", StringComparison.Ordinal), claim.File);
        }
    }
}
