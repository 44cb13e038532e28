using KernelPrBot.Checks.Analysis;
using KernelPrBot.Checks.Patches;
using KernelPrBot.Checks.Rules;
using KernelPrBot.Testing;
using Xunit;
using Xunit.Abstractions;

namespace KernelPrBot.Checks.Tests.Corpus;

/// <summary>
/// Against the kernel's own checkpatch.pl: every report it makes on the corpus in the sign-off, Fixes:, SPDX and
/// deprecated-API categories must be matched by a KernelPrBot finding of the corresponding rule at the same place.
/// scripts/checkpatch-compare.sh does the same from the command line.
/// </summary>
public sealed class CheckpatchComparisonTests(ITestOutputHelper output)
{
    private static readonly string CorpusDir = TestPaths.InRepo("tests", "corpus", "checkpatch");

    [Fact]
    public void Corpus_has_at_least_thirty_patches() =>
        Assert.True(Directory.GetFiles(CorpusDir, "*.patch").Length >= 30);

    [KernelTreeFact]
    public void Every_checkpatch_report_in_the_shared_categories_is_matched()
    {
        var tree = KernelTree.Path ?? throw new InvalidOperationException("CI needs the kernel tree: run .ci/run");
        var analyzer = new Analyzer(RuleCatalog.All);
        int total = 0, matched = 0;
        var misses = new List<string>();
        var divergences = 0;
        foreach (var patchPath in Directory.GetFiles(CorpusDir, "*.patch").Order(StringComparer.Ordinal))
        {
            var findings = analyzer.Run(PatchParser.ParseFile(patchPath)).Findings;
            var lines = File.ReadAllLines(patchPath);
            foreach (var report in CheckpatchRunner.Run(tree, patchPath).Where(r => CheckpatchRunner.TypeToRules.ContainsKey(r.Type)))
            {
                // The one chosen divergence: 6.12's checkpatch wants exactly 12 digits, submitting-patches.rst "at least 12".
                // checkpatch names no line for commit-message reports: a patch whose only Fixes: tag is such a one.
                if (report.Type == "BAD_FIXES_TAG" && lines.Count(l => l.StartsWith("Fixes:", StringComparison.OrdinalIgnoreCase)) == 1 &&
                    lines.Any(l => System.Text.RegularExpressions.Regex.IsMatch(l, @"^Fixes: [0-9a-f]{13,40} \("".+""\)$")))
                {
                    divergences++;
                    output.WriteLine($"{Path.GetFileName(patchPath)}: BAD_FIXES_TAG on a well-formed tag with more than 12 digits, accepted by fixes-tag");
                    continue;
                }

                total++;
                var rules = CheckpatchRunner.TypeToRules[report.Type];
                var slack = report.Type switch
                {
                    "FLEXIBLE_ARRAY" => 1,
                    "ALLOC_WITH_MULTIPLY" => 3,
                    _ => 0,
                };
                var hit = findings.Any(f => rules.Contains(f.RuleId) && (report.File is null ||
                    (f.File == report.File && report.Line >= f.Line - slack && report.Line <= f.EndLine + slack)));
                if (hit)
                {
                    matched++;
                }
                else
                {
                    misses.Add($"{Path.GetFileName(patchPath)}: {report.Type} at {report.File}:{report.Line}");
                }
            }
        }

        output.WriteLine($"checkpatch reported {total} problems in the shared categories; KernelPrBot matched {matched}; {divergences} long Fixes: ids accepted on purpose");
        Assert.InRange(divergences, 1, 2);
        Assert.True(total >= 60, $"the corpus should exercise checkpatch well; it reported only {total}");
        Assert.Empty(misses);
    }
}
