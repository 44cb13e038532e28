using KernelPrBot.Testing;
using Xunit;
using Xunit.Abstractions;

namespace KernelPrBot.Checks.Tests.Corpus;

/// <summary>
/// unknown-symbol and wrong-arity on real kernel functions (seeded): few false findings on unmodified code,
/// renamed calls found. scripts/score-api-checks.sh runs the same scorer with more functions.
/// </summary>
public sealed class ApiCheckScoreTests(ITestOutputHelper output)
{
    [KernelTreeFact]
    public void Real_functions_give_few_false_findings_and_renamed_calls_are_found()
    {
        var tree = KernelTree.Path ?? throw new InvalidOperationException("CI needs the kernel tree: run .ci/run");
        var count = int.TryParse(Environment.GetEnvironmentVariable("KPB_SCORE_FUNCTIONS"), out var n) ? n : 300;
        var seed = int.TryParse(Environment.GetEnvironmentVariable("KPB_SCORE_SEED"), out var s) ? s : 4;
        var index = KernelTreeIndex.Index!;
        var report = ApiCheckScorer.Score(tree, index, count, seed);
        var text = ApiCheckScorer.Describe(report);
        output.WriteLine(text);
        if (Environment.GetEnvironmentVariable("KPB_SCORE_REPORT") is { Length: > 0 } file)
        {
            File.WriteAllText(file, text);
        }

        Assert.True(report.Functions >= Math.Min(count, 300), report.ToString());
        Assert.True(report.FalsePer10KLines <= 1.0, text);
        Assert.True(report.Recall >= 95.0, text);
        Assert.True(report.Top3 >= 90.0, text);
    }
}
