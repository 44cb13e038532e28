using KernelPrBot.Checks.Config;
using KernelPrBot.Inputs;
using KernelPrBot.Review.Analysis;
using KernelPrBot.Review.Jobs;
using KernelPrBot.Testing;
using Xunit;

namespace KernelPrBot.Review.Tests.Analysis;

/// <summary>The bot analyses with the command line's inputs and lists in its notes what a host could not provide.</summary>
public sealed class ChangeAnalyzerTests
{
    [Fact]
    public void Without_a_tree_the_notes_say_checkpatch_licences_and_the_sender_were_not_checked()
    {
        var analysis = ChangeAnalyzer.Run(ChangeSeries.Build(Samples.Change(Samples.Buggy)), null, CheckConfig.Empty, new ReviewEnvironment());

        Assert.Contains("checkpatch.pl not run: no trusted kernel tree (setting KernelPrBot:Index:Tree)", analysis.Notes);
        Assert.Contains(analysis.Notes, n => n.StartsWith("SPDX identifiers checked against the built-in licence list", StringComparison.Ordinal));
        Assert.Contains(ChangeAnalyzer.SubmitterNotChecked, analysis.Notes);
        Assert.Contains(analysis.Findings, f => f.RuleId == "atomic-sleeping-alloc");
    }

    [KernelTreeFact]
    public void With_the_trusted_tree_its_checkpatch_runs_on_the_pull_request_diff()
    {
        var tree = Testing.KernelTree.Path ?? throw new InvalidOperationException("CI needs the kernel tree");
        var environment = new ReviewEnvironment { Inputs = AnalysisInputBuilder.Load(tree, null, _ => TestIndex.Index, InputSettingNames.Bot) };
        var head = Samples.Buggy.Replace("\tpriv->rx_len = len;", "\tpriv->rx_len = len ;", StringComparison.Ordinal);

        var analysis = ChangeAnalyzer.Run(ChangeSeries.Build(Samples.Change(head)), null, CheckConfig.Empty, environment);

        var finding = Assert.Single(analysis.Findings, f => f.RuleId == "checkpatch" && f.Message.Contains("space prohibited before semicolon", StringComparison.Ordinal));
        Assert.Equal(Testing.FakeGitHub.SampleDriver.LineOf(head, "\tpriv->rx_len = len ;"), finding.Line);
        Assert.DoesNotContain(analysis.Notes, n => n.Contains("checkpatch.pl", StringComparison.Ordinal) || n.Contains("licence list", StringComparison.Ordinal));
    }
}
