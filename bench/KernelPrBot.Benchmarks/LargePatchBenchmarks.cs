using BenchmarkDotNet.Attributes;
using KernelPrBot.Checks.Analysis;
using KernelPrBot.Checks.Patches;
using KernelPrBot.Checks.Rules;

namespace KernelPrBot.Benchmarks;

/// <summary>
/// One mail adding a ~5,000-line driver as a new file: drivers/mmc/host/sdhci.c from the kernel tree
/// (5,002 lines in 6.12), or a synthetic 5,000-line driver when no tree is available.
/// </summary>
[MemoryDiagnoser]
public class LargePatchBenchmarks
{
    private string _patch = "";
    private Analyzer _analyzer = null!;

    [GlobalSetup]
    public void Setup()
    {
        var (text, description) = PatchInputs.LargeNewFilePatch();
        _patch = text;
        _analyzer = new Analyzer(RuleCatalog.All);
        var result = _analyzer.Run(Check.Parsed(PatchParser.Parse(_patch, "large.patch"), expectedPatches: 1));
        Console.WriteLine($"// input: {description}, {_patch.Length:N0} chars, {result.Findings.Count} findings");
    }

    [Benchmark]
    public PatchSeries Parse() => PatchParser.Parse(_patch, "large.patch");

    [Benchmark]
    public AnalysisResult ParseAndCheck() => _analyzer.Run(PatchParser.Parse(_patch, "large.patch"));
}
