using BenchmarkDotNet.Attributes;
using KernelPrBot.Checks.Analysis;
using KernelPrBot.Checks.Patches;
using KernelPrBot.Checks.Rules;

namespace KernelPrBot.Benchmarks;

/// <summary>
/// A 100-mail mbox: each mail inserts 20 lines copied from the middle of one .c file under drivers/
/// (a modification hunk with three lines of context each side). See <see cref="PatchInputs.Series"/>.
/// </summary>
[MemoryDiagnoser]
public class SeriesBenchmarks
{
    public const int PatchCount = 100;

    private string _mbox = "";
    private Analyzer _analyzer = null!;

    [GlobalSetup]
    public void Setup()
    {
        var (mails, description) = PatchInputs.Series(PatchCount);
        _mbox = string.Concat(mails);
        _analyzer = new Analyzer(RuleCatalog.All);
        var result = _analyzer.Run(Check.Parsed(PatchParser.Parse(_mbox, "series.mbox"), mails.Count));
        Console.WriteLine($"// input: {description}, {_mbox.Length:N0} chars, {result.Findings.Count} findings");
    }

    [Benchmark]
    public AnalysisResult ParseAndCheckSeries() => _analyzer.Run(PatchParser.Parse(_mbox, "series.mbox"));
}
