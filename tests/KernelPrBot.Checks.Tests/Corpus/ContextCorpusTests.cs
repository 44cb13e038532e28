using KernelPrBot.Testing;
using Xunit;
using Xunit.Abstractions;

namespace KernelPrBot.Checks.Tests.Corpus;

/// <summary>
/// A seeded sample of the mutation corpus (recall per bug kind) and of real files as added code (precision).
/// scripts/score-context-rules.sh runs the same with larger samples.
/// </summary>
public sealed class ContextCorpusTests(ITestOutputHelper output)
{
    private static int Setting(string name, int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), out var value) ? value : fallback;

    private void WriteScores(List<ContextCorpus.KindScore> scores, List<string> misses, string title)
    {
        output.WriteLine("kind                   injected  found  recall" + title);
        foreach (var s in scores)
        {
            output.WriteLine($"{s.Kind,-22} {s.Total,8} {s.Found,6} {100.0 * s.Found / s.Total,6:F1}%");
        }

        foreach (var miss in misses)
        {
            output.WriteLine("miss: " + miss);
        }
    }

    [KernelTreeFact]
    public void Injected_bugs_are_found_at_the_right_line()
    {
        var tree = KernelTree.Path ?? throw new InvalidOperationException("CI needs the kernel tree: run .ci/run");
        var mutations = ContextCorpus.Generate(tree, Setting("KPB_CORPUS_SEED", 20261125), Setting("KPB_CORPUS_PER_KIND", 25));
        var (scores, misses) = ContextCorpus.ScoreRecall(mutations);
        WriteScores(scores, misses, string.Empty);

        Assert.Equal(ContextCorpus.Kinds, scores.Count);
        Assert.All(scores, s => Assert.True(s.Found >= 0.9 * s.Total, $"{s.Kind}: {s.Found}/{s.Total}"));
    }

    [KernelTreeFact]
    public void Bugs_only_the_tree_summaries_show_are_found_with_the_index_and_the_first_kinds_still_are()
    {
        var tree = KernelTree.Path ?? throw new InvalidOperationException("CI needs the kernel tree: run .ci/run");
        var index = KernelTreeIndex.Index ?? throw new InvalidOperationException("no index of the kernel tree");
        var options = new KernelPrBot.Checks.Rules.AnalysisOptions { Symbols = index };
        var perKind = Setting("KPB_CORPUS_PER_KIND", 25);
        var mutations = TreeCorpus.Generate(tree, Setting("KPB_CORPUS_SEED", 20261125), perKind)
            .Concat(ContextCorpus.Generate(tree, Setting("KPB_CORPUS_SEED", 20261125), perKind)).ToList();
        var (scores, misses) = ContextCorpus.ScoreRecall(mutations, options);
        WriteScores(scores, misses, "   (with the index's summaries)");

        Assert.Equal(ContextCorpus.Kinds + 3, scores.Count);
        Assert.All(scores, s => Assert.True(s.Total >= Math.Min(perKind, 10), $"{s.Kind}: only {s.Total} generated"));
        Assert.All(scores, s => Assert.True(s.Found >= 0.95 * s.Total, $"{s.Kind}: {s.Found}/{s.Total}"));
    }

    [KernelTreeFact]
    public void Lock_contract_bugs_are_found_with_the_index_lock_facts()
    {
        var tree = KernelTree.Path ?? throw new InvalidOperationException("CI needs the kernel tree: run .ci/run");
        var index = KernelTreeIndex.Index ?? throw new InvalidOperationException("no index of the kernel tree");
        var options = new KernelPrBot.Checks.Rules.AnalysisOptions { Symbols = index };
        var perKind = Setting("KPB_CORPUS_PER_KIND", 25);
        var mutations = LockContractCorpus.Generate(tree, Setting("KPB_CORPUS_SEED", 20261125), perKind);
        var (scores, misses) = ContextCorpus.ScoreRecall(mutations, options);
        WriteScores(scores, misses, "   (lock facts of the index)");

        Assert.Equal(LockContractCorpus.Kinds.Length, scores.Count);
        Assert.All(scores, s => Assert.True(s.Total >= Math.Min(perKind, 10), $"{s.Kind}: only {s.Total} generated"));
        Assert.All(scores, s => Assert.True(s.Found >= 0.95 * s.Total, $"{s.Kind}: {s.Found}/{s.Total}"));
    }

    [KernelTreeFact]
    public void Real_functions_added_to_their_files_give_no_context_or_api_finding_with_the_summaries_on()
    {
        var tree = KernelTree.Path ?? throw new InvalidOperationException("CI needs the kernel tree: run .ci/run");
        var index = KernelTreeIndex.Index ?? throw new InvalidOperationException("no index of the kernel tree");
        var report = TreePrecision.Score(tree, index, Setting("KPB_TREE_PRECISION_FUNCTIONS", 300), Setting("KPB_CORPUS_SEED", 20261125));
        output.WriteLine($"{report.Functions} functions, {report.Lines} lines, {report.Findings.Count} findings = {report.Per10KLines:F2} per 10,000 lines");
        foreach (var f in report.Findings)
        {
            output.WriteLine(f);
        }

        Assert.True(report.Functions >= 250, $"only {report.Functions} functions");
        Assert.Empty(report.Findings);
    }

    [KernelTreeFact]
    public void Real_files_as_added_code_give_at_most_one_finding_per_ten_thousand_lines()
    {
        var tree = KernelTree.Path ?? throw new InvalidOperationException("CI needs the kernel tree: run .ci/run");
        var (lines, functions, findings) = ContextCorpus.ScorePrecision(tree, Setting("KPB_CORPUS_SEED", 20261125), Setting("KPB_PRECISION_FUNCTIONS", 300));
        output.WriteLine($"{lines} lines, {functions} functions, {findings.Count} context findings = {findings.Count * 10_000.0 / lines:F2} per 10,000 lines");
        foreach (var f in findings)
        {
            output.WriteLine(f);
        }

        Assert.True(functions >= 300, $"only {functions} functions");
        Assert.True(findings.Count * 10_000.0 / lines <= 1.0, $"{findings.Count} findings in {lines} lines");
    }
}
