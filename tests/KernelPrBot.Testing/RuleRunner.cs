using KernelPrBot.Checks.Analysis;
using KernelPrBot.Checks.Patches;
using KernelPrBot.Checks.Rules;
using Xunit;
using KernelPrBot.Checks.Source;

namespace KernelPrBot.Testing;

/// <summary>Runs one rule over a patch, and asserts findings against inline markers.</summary>
public static class RuleRunner
{
    public static IReadOnlyList<Finding> Run(Rule rule, string patchText, AnalysisOptions? options = null)
    {
        var series = PatchParser.Parse(patchText, "test.patch");
        Assert.DoesNotContain(series.Diagnostics, d => d.Severity == DiagnosticSeverity.Error);
        return new Analyzer([rule]).Run(series, null, options).Findings;
    }

    /// <summary>Runs a rule on a change to an existing file with full pre- and post-images (as with --tree).</summary>
    public static IReadOnlyList<Finding> RunWithImages(Rule rule, string before, string after, string path = "drivers/misc/acme.c")
    {
        var patch = new PatchBuilder().SignedOffByAuthor().ModifyFile(path, before, after).Build();
        var series = PatchParser.Parse(patch, "test.patch");
        var images = new Dictionary<(int, string), FileImages> { [(0, path)] = new(Lines(before), Lines(after)) };
        return new Analyzer([rule]).Run(series, images).Findings;
    }

    /// <summary>Runs rules on one commit changing several files, each with full pre- and post-images (as with --tree); code findings only.</summary>
    public static List<Finding> RunChangesWithImages(IEnumerable<Rule> rules, AnalysisOptions options, params (string Path, string Before, string After)[] files)
    {
        ArgumentNullException.ThrowIfNull(files);
        var builder = new PatchBuilder().SignedOffByAuthor();
        var images = new Dictionary<(int, string), FileImages>();
        foreach (var (path, before, after) in files)
        {
            builder.ModifyFile(path, before, after);
            images[(0, path)] = new FileImages(Lines(before), Lines(after));
        }

        var series = PatchParser.Parse(builder.Build(), "test.patch");
        return new Analyzer(rules).Run(series, images, options).Findings.Where(f => f.Kind == FindingKind.Code).ToList();
    }

    private static string[] Lines(string text) => text.TrimEnd('\n').Split('\n');

    /// <summary>Adds the marked C source as a new file and asserts the rule reports exactly the marked lines.</summary>
    public static IReadOnlyList<Finding> AssertMarkedInNewFile(Rule rule, string markedSource, string path = "drivers/misc/acme.c", AnalysisOptions? options = null)
    {
        var source = MarkedSource.Parse(markedSource);
        var patch = new PatchBuilder().SignedOffByAuthor().AddFile(path, source.Text).Build();
        var findings = Run(rule, patch, options).Where(f => f.Kind == FindingKind.Code).ToList();
        Assert.Equal(source.MarkedLines.OrderBy(l => l), findings.Select(f => f.Line).OrderBy(l => l));
        return findings;
    }

    /// <summary>The same, for a change to an existing file: findings only on marked lines that the change adds.</summary>
    public static IReadOnlyList<Finding> AssertMarkedInChange(Rule rule, string before, string markedAfter, string path = "drivers/misc/acme.c", AnalysisOptions? options = null)
    {
        var after = MarkedSource.Parse(markedAfter);
        var patch = new PatchBuilder().SignedOffByAuthor().ModifyFile(path, before, after.Text).Build();
        var findings = Run(rule, patch, options).Where(f => f.Kind == FindingKind.Code).ToList();
        Assert.Equal(after.MarkedLines.OrderBy(l => l), findings.Select(f => f.Line).OrderBy(l => l));
        return findings;
    }
}
