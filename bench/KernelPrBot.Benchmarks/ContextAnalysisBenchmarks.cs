using BenchmarkDotNet.Attributes;
using KernelPrBot.Checks.Analysis.Context;
using KernelPrBot.Checks.Source;

namespace KernelPrBot.Benchmarks;

/// <summary>
/// Lexer + function finder + statement trees + path walk of one ~5,000-line driver (drivers/mmc/host/sdhci.c in
/// 6.12, or the synthetic driver without a tree): the work the context rules share, per file.
/// </summary>
[MemoryDiagnoser]
public class ContextAnalysisBenchmarks
{
    private string _source = "";

    [GlobalSetup]
    public void Setup()
    {
        var (patch, description) = PatchInputs.LargeNewFilePatch();
        _source = string.Join('\n', patch.Split('\n').Where(l => l.StartsWith('+') && !l.StartsWith("+++", StringComparison.Ordinal)).Select(l => l[1..]));
        var functions = SourceContextAnalysis.Analyze(_source, CLexer.Lex(_source)).Functions.Count;
        Console.WriteLine($"// input: {description}, {functions} functions");
    }

    [Benchmark]
    public int Lex() => CLexer.Lex(_source).Count;

    [Benchmark]
    public int LexAndAnalyse() => SourceContextAnalysis.Analyze(_source, CLexer.Lex(_source)).Functions.Count;
}
