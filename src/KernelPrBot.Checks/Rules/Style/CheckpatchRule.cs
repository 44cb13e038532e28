using KernelPrBot.Checks.Kernel;
using KernelPrBot.Checks.Patches;

namespace KernelPrBot.Checks.Rules.Style;

/// <summary>
/// The base tree's checkpatch.pl findings, placed on the added lines they name (FILE: path:line) with their
/// checkpatch type; types that KernelPrBot's own rules answer (<see cref="CheckpatchOutput.TypeToRules"/>) are
/// left to those rules. Needs <see cref="Analysis.AnalysisOptions.Checkpatch"/> (check --tree DIR with perl).
/// </summary>
public sealed class CheckpatchRule : Rule
{
    public override RuleDescriptor Descriptor { get; } = new(
        RuleIds.Checkpatch,
        "checkpatch.pl finding on a changed line",
        RuleCategory.Style,
        Severity.Warning,
        "Runs scripts/checkpatch.pl of the trusted base tree (never a copy from the patch) with --show-types and " +
        "reports what it finds on the lines the patch adds, naming the checkpatch type (LONG_LINE, SPACING, …) so " +
        "that it can be looked up and ignored by name. Types that KernelPrBot's own rules check (sign-offs, Fixes:, " +
        "SPDX, deprecated interfaces) are left to those rules. Needs check --tree DIR and perl.");

    public override void AnalyzeFile(FileContext context)
    {
        if (context.Options.Checkpatch is not { } checkpatch)
        {
            return;
        }

        var added = context.File.AddedLines.Select(l => l.NewLine).ToHashSet();
        if (added.Count == 0)
        {
            return;
        }

        foreach (var report in checkpatch.For(context.Patch))
        {
            if (report.File != context.File.Path || report.Line is not { } line || !added.Contains(line) || CheckpatchOutput.TypeToRules.ContainsKey(report.Type))
            {
                continue;
            }

            context.Report(line, $"checkpatch {report.Level} {report.Type}: {report.Message}", $"checkpatch:{report.Type}:{report.Message}");
        }
    }
}
