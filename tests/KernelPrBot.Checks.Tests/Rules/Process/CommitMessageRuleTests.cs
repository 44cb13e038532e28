using KernelPrBot.Checks.Rules.Process;
using KernelPrBot.Testing;
using Xunit;

namespace KernelPrBot.Checks.Tests.Rules.Process;

public sealed class CommitMessageRuleTests
{
    private static readonly CommitMessageRule Rule = new();

    private static IReadOnlyList<string> Messages(string subject, string body = "Explain the change.") =>
        RuleRunner.Run(Rule, new PatchBuilder().Subject(subject).Body(body).SignedOffByAuthor().Build()).Select(f => f.Message).ToList();

    [Fact]
    public void Reports_a_subject_without_subsystem_prefix() =>
        Assert.Contains("no 'subsystem: ' prefix", Assert.Single(Messages("Fix a memory leak in the driver")), StringComparison.Ordinal);

    [Fact]
    public void Reports_a_long_subject() =>
        Assert.Contains("subject is 88 characters", Assert.Single(Messages("net: acme: " + new string('x', 77))), StringComparison.Ordinal);

    [Fact]
    public void Reports_a_trailing_period() =>
        Assert.Contains("ends with a period", Assert.Single(Messages("mm: fix the leak.")), StringComparison.Ordinal);

    [Fact]
    public void Reports_an_empty_body() =>
        Assert.Contains("has no body", Assert.Single(Messages("mm: fix the leak", string.Empty)), StringComparison.Ordinal);

    [Theory]
    [InlineData("net/mlx5e: fix the leak")]
    [InlineData("drm/i915/gt: avoid a stall")]
    [InlineData("Revert \"mm: fix the leak\"")]
    public void Accepts_good_subjects(string subject) => Assert.Empty(Messages(subject));
}
