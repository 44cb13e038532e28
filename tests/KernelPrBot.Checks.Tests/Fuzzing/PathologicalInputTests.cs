using KernelPrBot.Checks.Analysis;
using KernelPrBot.Checks.Patches;
using KernelPrBot.Checks.Rules;
using KernelPrBot.Testing.Pathological;
using Xunit;

namespace KernelPrBot.Checks.Tests.Fuzzing;

/// <summary>
/// The hostile input families of the scaling command, at small sizes: each parses and checks without a failed
/// rule, and allocation grows linearly with the hostile part. Allocation on one thread is deterministic, so the
/// bound holds on any machine; wall time is left to the scaling command.
/// </summary>
public sealed class PathologicalInputTests
{
    private const int Factor = 4;

    public static TheoryData<string> Families() => [.. PathologicalInputs.All.Select(f => f.Name)];

    private static PathologicalFamily Family(string name) => PathologicalInputs.All.Single(f => f.Name == name);

    private static (AnalysisResult Result, PatchSeries Series, long Allocated) Check(string text)
    {
        var analyzer = new Analyzer(RuleCatalog.All);
        var before = GC.GetAllocatedBytesForCurrentThread();
        var series = PatchParser.Parse(text, "hostile.patch");
        var result = analyzer.Run(series);
        return (result, series, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    private static int SmallSize(PathologicalFamily family) => Math.Max(200, family.BaseSize / 50);

    [Theory]
    [MemberData(nameof(Families))]
    public void Completes_with_sane_diagnostics(string name)
    {
        var family = Family(name);
        var (result, series, _) = Check(family.Build(SmallSize(family)));
        Assert.DoesNotContain(result.Diagnostics, d => d.Message.Contains("could not analyse", StringComparison.Ordinal));
        Assert.DoesNotContain(result.Diagnostics, d => d.Severity == DiagnosticSeverity.Error);
        Assert.NotEmpty(series.Patches);
        Assert.All(series.Patches, p => Assert.NotNull(p.Commit));
        Assert.All(series.Patches, p => Assert.Single(p.Files));
        Assert.All(result.Findings, f => Assert.Equal(16, f.Fingerprint.Length));
    }

    [Fact]
    public void Nested_blocks_still_find_the_sleep_under_the_lock()
    {
        var family = Family("nested-braces");
        var (result, _, _) = Check(family.Build(50));
        Assert.Contains(result.Findings, f => f.RuleId == "sleep-in-atomic");
    }

    [Fact]
    public void Many_hunks_each_report_their_own_finding()
    {
        var family = Family("many-hunks");
        var (result, series, _) = Check(family.Build(300));
        Assert.Equal(300, series.Patches[0].Files[0].Hunks.Count);
        Assert.Equal(300, result.Findings.Count(f => f.RuleId == "deprecated-api"));
    }

    [Fact]
    public void A_folded_header_keeps_every_line()
    {
        var family = Family("folded-header");
        var series = PatchParser.Parse(family.Build(1000), "folded.patch");
        Assert.Empty(series.Diagnostics);
        Assert.Equal("misc: a change with a long Cc list", series.Patches[0].Commit!.Subject);
    }

    [Theory]
    [MemberData(nameof(Families))]
    public void Allocation_grows_linearly(string name)
    {
        var family = Family(name);
        var n = SmallSize(family);
        var small = family.Build(n);
        var large = family.Build(n * Factor);
        Check(small); // type initialisation and caches outside the numbers
        var a1 = Check(small).Allocated;
        var a4 = Check(large).Allocated;

        // Linear is about 4 (buffers grow by doubling, so a little either way); n² would be about 16.
        Assert.True(a4 < a1 * Factor * 1.5, $"{name}: {a1:N0} bytes at n = {n:N0}, {a4:N0} at {Factor}n ({(double)a4 / a1:F1}x)");
    }
}
