using KernelPrBot.Checks;
using KernelPrBot.Checks.Analysis;
using KernelPrBot.Checks.Index;
using KernelPrBot.Checks.Patches;
using KernelPrBot.Checks.Rules;
using KernelPrBot.Checks.Source;

namespace KernelPrBot.Testing;

/// <summary>
/// Precision of the context and api rules with the index's summaries on: each sampled real function (unmodified)
/// is presented as the patch that adds it to its own file, with the whole file before and after and the tree's
/// index, as <c>check --tree</c> sees a new function. Every finding is a false one.
/// </summary>
public static class TreePrecision
{
    public static readonly string[] Rules =
        [RuleIds.AtomicSleepingAlloc, RuleIds.SleepInAtomic, RuleIds.LockNotReleased, RuleIds.LockVariantMismatch, RuleIds.LockRecursion, RuleIds.LockContextRequired, RuleIds.LockIrqInconsistent,
         RuleIds.RcuDerefOutsideReadSection, RuleIds.UnknownSymbol, RuleIds.WrongArity, RuleIds.UnknownHeader, RuleIds.RemovedApi];

    public sealed record Report(int Functions, long Lines, IReadOnlyList<string> Findings)
    {
        public double Per10KLines => Lines == 0 ? 0 : Findings.Count * 10_000.0 / Lines;
    }

    public static Report Score(string tree, SymbolIndex index, int count, int seed)
    {
        var analyzer = new Analyzer(RuleCatalog.All.Where(r => Rules.Contains(r.Descriptor.Id)));
        var options = AnalysisOptions.Default with { Symbols = index };
        var findings = new List<string>();
        long lines = 0;
        var functions = 0;
        foreach (var sample in ApiCheckScorer.SampleFunctions(tree, count, seed))
        {
            var after = File.ReadAllText(Path.Combine(tree, sample.File)).Replace("\r\n", "\n", StringComparison.Ordinal);
            var at = after.IndexOf(sample.Text, StringComparison.Ordinal);
            if (at < 0)
            {
                continue;
            }

            var before = after.Remove(at, sample.Text.Length);
            var patch = new PatchBuilder().SignedOffByAuthor().ModifyFile(sample.File, before, after).Build();
            var series = PatchParser.Parse(patch, sample.File + ".patch");
            var images = new Dictionary<(int, string), FileImages> { [(0, sample.File)] = new FileImages(Split(before), Split(after)) };
            var result = analyzer.Run(series, images, options);
            functions++;
            lines += sample.Lines;
            findings.AddRange(result.Findings.Where(f => f.Kind == FindingKind.Code).Select(f => $"{f.File}:{f.Line}: [{f.RuleId}] {f.Message}"));
        }

        return new Report(functions, lines, findings);
    }

    private static string[] Split(string text) => text.TrimEnd('\n').Split('\n');
}
