using System.Diagnostics;
using System.Globalization;
using KernelPrBot.Checks.Analysis;
using KernelPrBot.Checks.Patches;
using KernelPrBot.Checks.Rules;
using KernelPrBot.Testing.Pathological;

namespace KernelPrBot.Benchmarks;

/// <summary>
/// <c>scaling [FAMILY...] [--by-rule]</c>: runs each hostile input family at n, 2n, 4n and 8n through parse and check
/// (all rules, no index) and prints time, allocated bytes and their growth; linear growth gives t(8n)/t(n) ≈ 8.
/// Times are the best of three runs (one run when a run takes over a second). <c>--by-rule</c> adds the parse time
/// and each rule's time alone at n and 8n, to find the stage that does not scale.
/// </summary>
internal static class Scaling
{
    private static readonly int[] Factors = [1, 2, 4, 8];

    public static int Run(string[] args, TextWriter output)
    {
        var names = args.Where(a => !a.StartsWith("--", StringComparison.Ordinal)).ToHashSet(StringComparer.Ordinal);
        var families = PathologicalInputs.All.Where(f => names.Count == 0 || names.Contains(f.Name)).ToList();
        if (families.Count == 0)
        {
            output.WriteLine("families: " + string.Join(' ', PathologicalInputs.All.Select(f => f.Name)));
            return 2;
        }

        var analyzer = new Analyzer(RuleCatalog.All);
        if (args.Contains("--by-rule"))
        {
            families.ForEach(f => ByRule(f, output));
            return 0;
        }

        output.WriteLine("| family | n | input MB | time ms | allocated MB | t/t(n) | alloc/alloc(n) |");
        output.WriteLine("|---|---:|---:|---:|---:|---:|---:|");
        var summary = new List<string>();
        foreach (var family in families)
        {
            Measure(analyzer, family.Build(Math.Max(1, family.BaseSize / 10))); // JIT and type initialisation outside the numbers
            double? t1 = null;
            double? a1 = null;
            foreach (var factor in Factors)
            {
                var n = family.BaseSize * factor;
                var text = family.Build(n);
                var (ms, bytes) = Best(analyzer, text);
                t1 ??= ms;
                a1 ??= bytes;
                output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {family.Name} | {n:N0} | {text.Length / 1e6:F1} | {ms:F0} | {bytes / 1e6:F0} | {ms / t1.Value:F2} | {bytes / a1.Value:F2} |"));
                if (factor == Factors[^1])
                {
                    summary.Add(string.Create(CultureInfo.InvariantCulture,
                        $"{family.Name}: t(8n)/t(n) = {ms / t1.Value:F1}, alloc(8n)/alloc(n) = {bytes / a1.Value:F1} (n = {family.BaseSize:N0} {family.Unit})"));
                }
            }
        }

        output.WriteLine();
        summary.ForEach(output.WriteLine);
        return 0;
    }

    private static void ByRule(PathologicalFamily family, TextWriter output)
    {
        var small = family.Build(family.BaseSize);
        var large = family.Build(family.BaseSize * 8);
        var parse = new Func<string, object>(text => PatchParser.Parse(text, "scaling.patch"));
        Time(() => parse(small));
        var (p1, p8) = (Time(() => parse(small)), Time(() => parse(large)));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{family.Name} parse: {p1:F0} ms -> {p8:F0} ms ({p8 / p1:F1}x)"));
        var (s1, s8) = (PatchParser.Parse(small, "s"), PatchParser.Parse(large, "l"));
        foreach (var rule in RuleCatalog.All)
        {
            var one = new Analyzer([rule]);
            one.Run(s1);
            var (r1, r8) = (Time(() => one.Run(s1)), Time(() => one.Run(s8)));
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{family.Name} {rule.Descriptor.Id}: {r1:F0} ms -> {r8:F0} ms ({r8 / Math.Max(r1, 0.5):F1}x)"));
        }
    }

    private static double Time(Func<object> action)
    {
        var clock = Stopwatch.StartNew();
        action();
        return clock.Elapsed.TotalMilliseconds;
    }

    private static (double Ms, double Bytes) Best(Analyzer analyzer, string text)
    {
        var best = Measure(analyzer, text);
        for (var k = 1; k < 3 && best.Ms < 1000; k++)
        {
            var next = Measure(analyzer, text);
            best = (Math.Min(best.Ms, next.Ms), Math.Min(best.Bytes, next.Bytes));
        }

        return best;
    }

    private static (double Ms, double Bytes) Measure(Analyzer analyzer, string text)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        var before = GC.GetTotalAllocatedBytes(precise: true);
        var clock = Stopwatch.StartNew();
        var series = PatchParser.Parse(text, "scaling.patch");
        var result = analyzer.Run(series);
        clock.Stop();
        var bytes = GC.GetTotalAllocatedBytes(precise: true) - before;
        if (result.Diagnostics.Any(d => d.Message.Contains("could not analyse", StringComparison.Ordinal)))
        {
            throw new InvalidOperationException("a rule failed: " + result.Diagnostics.First(d => d.Message.Contains("could not analyse", StringComparison.Ordinal)));
        }

        return (clock.Elapsed.TotalMilliseconds, bytes);
    }
}
