using KernelPrBot.Checks.Analysis;
using KernelPrBot.Checks.Config;
using KernelPrBot.Checks.Patches;
using KernelPrBot.Checks.Rules;
using KernelPrBot.Review.Jobs;

namespace KernelPrBot.Review.Analysis;

/// <summary>Runs the check library on a pull request and turns what it could not check into notes for the summary. Pure.</summary>
public static class ChangeAnalyzer
{
    public sealed record Output(IReadOnlyList<Finding> Findings, IReadOnlyList<FileChange> DiffFiles, IReadOnlyList<string> Notes);

    public static Output Run(
        ChangeSeries.Result built, IReadOnlyDictionary<(int Patch, string Path), FileImages>? images, CheckConfig config, ReviewEnvironment environment)
    {
        var notes = new List<string>(built.Skipped);
        var diffFiles = built.DiffPatchIndex >= 0 ? built.Series.Patches[built.DiffPatchIndex].Files : [];
        var analyzer = new Analyzer(environment.Rules, config);
        var result = analyzer.Run(built.Series, images, AnalysisOptions.Default with { Symbols = environment.Symbols });
        notes.AddRange(result.Diagnostics
            .Where(d => d.Severity == DiagnosticSeverity.Error || d.Message.Contains("could not analyse", StringComparison.Ordinal))
            .Select(d => d.Message));
        if (result.Notes.Contains(Analyzer.SkippedWithoutIndex))
        {
            notes.Add("api checks (unknown symbols, wrong argument counts, unknown headers) skipped: this server has no symbol index (setting Index:Path or Index:Tree)");
        }

        return new Output(result.Findings, diffFiles, notes);
    }
}
