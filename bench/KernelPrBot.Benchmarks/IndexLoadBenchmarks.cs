using BenchmarkDotNet.Attributes;
using KernelPrBot.Checks.Index;

namespace KernelPrBot.Benchmarks;

/// <summary>
/// Loading the symbol index of the whole kernel tree (KPB_INDEX, as written by <c>kernel-pr-bot index</c>;
/// scripts/measure-index.sh passes the one it just built), and looking names up in it. Without KPB_INDEX the
/// index of a synthetic tree of 200,000 names is used, so the benchmark still runs.
/// </summary>
[MemoryDiagnoser]
public class IndexLoadBenchmarks
{
    private string _path = "";
    private SymbolIndex _index = null!;

    [GlobalSetup]
    public void Setup()
    {
        var fromEnv = Environment.GetEnvironmentVariable("KPB_INDEX");
        if (!string.IsNullOrEmpty(fromEnv) && File.Exists(fromEnv))
        {
            _path = fromEnv;
        }
        else
        {
            _path = Path.Combine(Path.GetTempPath(), "kpb-bench-synthetic.idx");
            var builder = new SymbolIndexBuilder();
            for (var i = 0; i < 200_000; i++)
            {
                builder.Add($"acme_subsystem_{i % 977}_function_{i}", SymbolKinds.Function, new Arity(i % 6, false), 1);
            }

            using var stream = File.Create(_path);
            builder.Write(stream);
        }

        _index = SymbolIndex.Load(_path);
        Console.WriteLine($"// index: {_path}, {new FileInfo(_path).Length:N0} bytes, {_index.SymbolCount:N0} symbols, {_index.HeaderCount:N0} headers");
    }

    [Benchmark]
    public SymbolIndex Load() => SymbolIndex.Load(_path);

    [Benchmark]
    public bool FindKnownAndUnknown() => _index.Contains("kmalloc") & !_index.Contains("kmalloc_zeroed") & _index.Contains("spin_lock_irqsave");

    [Benchmark]
    public IReadOnlyList<string> Suggest() => _index.Suggest("spin_lock_irqsafe");
}
