using System.Diagnostics;
using System.Globalization;
using KernelPrBot.Checks.Analysis;
using KernelPrBot.Checks.Patches;
using KernelPrBot.Checks.Rules;
using KernelPrBot.Testing;
using KernelPrBot.Testing.Pathological;

namespace KernelPrBot.Benchmarks;

/// <summary>
/// <c>scaling [FAMILY...] [--runs N] [--by-rule]</c>: runs each hostile input family at n, 2n, 4n and 8n through parse and check
/// (all rules, no index) and prints wall time, processor time, allocated bytes and their growth; linear growth
/// gives t(8n)/t(n) ≈ 8. Each row is the fastest of three runs (<c>--runs N</c>), since on a shared machine the
/// slow outliers are other processes' doing. Processor
/// time counts every thread (the GC's too) and is less disturbed than wall time on a shared machine.
/// <c>--write DIR</c> writes each family at n and 8n as patch files instead.
/// <c>--by-rule</c> prints the parse time and each rule's time alone at n and 8n, to find the stage that does not scale.
/// <c>--index</c> checks with a small symbol index (<see cref="TestIndex"/>), so that the api rules, which need one, run too.
/// </summary>
internal static class Scaling
{
    private static readonly int[] Factors = [1, 2, 4, 8];

    private static int Runs { get; set; } = 3;

    private static AnalysisOptions Options { get; set; } = AnalysisOptions.Default;

    private readonly record struct Sample(double Ms, double CpuMs, double Bytes, int FullGcs, double PauseMs)
    {
        // Wall time outside the collector's pauses: the code's own work, which is what must grow linearly; pauses
        // grow with the live heap a large input keeps alive.
        public double WorkMs => Math.Max(0.01, Ms - PauseMs);
    }

    public static int Run(string[] args, TextWriter output)
    {
        var runs = Array.IndexOf(args, "--runs");
        if (runs >= 0 && runs + 1 < args.Length)
        {
            Runs = Math.Max(1, int.Parse(args[runs + 1], CultureInfo.InvariantCulture));
            args = [.. args[..runs], .. args[(runs + 2)..]];
        }

        if (args.Contains("--index"))
        {
            Options = TestIndex.Options;
        }

        var names = args.Where((a, i) => !a.StartsWith("--", StringComparison.Ordinal) && (i == 0 || args[i - 1] != "--write")).ToHashSet(StringComparer.Ordinal);
        var families = PathologicalInputs.All.Where(f => names.Count == 0 || names.Contains(f.Name)).ToList();
        if (families.Count == 0)
        {
            output.WriteLine("families: " + string.Join(' ', PathologicalInputs.All.Select(f => f.Name)));
            return 2;
        }

        var write = Array.IndexOf(args, "--write");
        if (write >= 0)
        {
            return write + 1 < args.Length ? Write(families, args[write + 1], output) : 2;
        }

        if (args.Contains("--by-rule"))
        {
            families.ForEach(f => ByRule(f, output));
            return 0;
        }

        var analyzer = new Analyzer(RuleCatalog.All);
        output.WriteLine("| family | n | input MB | time ms | cpu ms | GC pause ms | allocated MB | gen2 GCs | t/t(n) | cpu/cpu(n) | (t-pause)/(t-pause)(n) | alloc/alloc(n) |");
        output.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        var summary = new List<string>();
        foreach (var family in families)
        {
            Measure(analyzer, family.Build(Math.Max(1, family.BaseSize / 10))); // JIT and type initialisation outside the numbers
            Sample? first = null;
            foreach (var factor in Factors)
            {
                var n = family.BaseSize * factor;
                var text = family.Build(n);
                var run = Best(analyzer, text);
                var f = first ??= run;
                output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {family.Name} | {n:N0} | {text.Length / 1e6:F1} | {run.Ms:F0} | {run.CpuMs:F0} | {run.PauseMs:F0} | {run.Bytes / 1e6:F0} | {run.FullGcs} | {run.Ms / f.Ms:F2} | {run.CpuMs / f.CpuMs:F2} | {run.WorkMs / f.WorkMs:F2} | {run.Bytes / f.Bytes:F2} |"));
                if (factor == Factors[^1])
                {
                    summary.Add(string.Create(CultureInfo.InvariantCulture,
                        $"{family.Name}: t(8n)/t(n) = {run.Ms / f.Ms:F1}, cpu(8n)/cpu(n) = {run.CpuMs / f.CpuMs:F1}, outside GC pauses {run.WorkMs / f.WorkMs:F1}, alloc(8n)/alloc(n) = {run.Bytes / f.Bytes:F1} (n = {family.BaseSize:N0} {family.Unit})"));
                }
            }
        }

        output.WriteLine();
        summary.ForEach(output.WriteLine);
        return 0;
    }

    /// <summary>
    /// Writes each family at n and 8n as FAMILY-1.patch and FAMILY-8.patch, for measuring the CLI from outside
    /// (scripts/scaling-instructions.sh counts instructions with callgrind, which wall time on a shared machine cannot match).
    /// </summary>
    private static int Write(List<PathologicalFamily> families, string directory, TextWriter output)
    {
        Directory.CreateDirectory(directory);
        foreach (var family in families)
        {
            foreach (var factor in new[] { 1, 8 })
            {
                var path = Path.Combine(directory, $"{family.Name}-{factor}.patch");
                File.WriteAllText(path, family.Build(family.BaseSize * factor));
                output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{path}: {family.BaseSize * factor:N0} {family.Unit}"));
            }
        }

        return 0;
    }

    private static void ByRule(PathologicalFamily family, TextWriter output)
    {
        var small = family.Build(family.BaseSize);
        var large = family.Build(family.BaseSize * 8);
        PatchParser.Parse(small, "warm-up");
        var (p1, p8) = (Time(() => PatchParser.Parse(small, "s")), Time(() => PatchParser.Parse(large, "l")));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{family.Name} parse: {p1:F0} ms -> {p8:F0} ms ({p8 / p1:F1}x)"));
        var (s1, s8) = (PatchParser.Parse(small, "s"), PatchParser.Parse(large, "l"));
        foreach (var rule in RuleCatalog.All)
        {
            var one = new Analyzer([rule]);
            one.Run(s1, null, Options);
            var (r1, r8) = (Time(() => one.Run(s1, null, Options)), Time(() => one.Run(s8, null, Options)));
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{family.Name} {rule.Descriptor.Id}: {r1:F0} ms -> {r8:F0} ms ({r8 / Math.Max(r1, 0.5):F1}x)"));
        }
    }

    private static double Time(Func<object> action)
    {
        var clock = Stopwatch.StartNew();
        action();
        return clock.Elapsed.TotalMilliseconds;
    }

    private static Sample Best(Analyzer analyzer, string text)
    {
        var best = Measure(analyzer, text);
        for (var k = 1; k < Runs; k++)
        {
            var next = Measure(analyzer, text);
            best = best.Ms <= next.Ms ? best : next; // one run's figures together, so that its pauses match its time
        }

        return best;
    }

    private static Sample Measure(Analyzer analyzer, string text)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        var bytes = GC.GetTotalAllocatedBytes(precise: true);
        var gcs = GC.CollectionCount(2);
        var pause = GC.GetTotalPauseDuration();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        var series = PatchParser.Parse(text, "scaling.patch");
        var result = analyzer.Run(series, null, Options);
        clock.Stop();
        var run = new Sample(
            clock.Elapsed.TotalMilliseconds,
            (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds,
            GC.GetTotalAllocatedBytes(precise: true) - bytes,
            GC.CollectionCount(2) - gcs,
            (GC.GetTotalPauseDuration() - pause).TotalMilliseconds);
        if (result.Diagnostics.FirstOrDefault(d => d.Message.Contains("could not analyse", StringComparison.Ordinal)) is { } failed)
        {
            throw new InvalidOperationException("a rule failed: " + failed);
        }

        return run;
    }
}
