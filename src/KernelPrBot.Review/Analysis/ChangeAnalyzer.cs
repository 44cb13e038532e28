using KernelPrBot.Checks.Analysis;
using KernelPrBot.Checks.Config;
using KernelPrBot.Checks.Patches;
using KernelPrBot.Checks.Rules;
using KernelPrBot.Checks.Source;
using KernelPrBot.Review.Jobs;

namespace KernelPrBot.Review.Analysis;

/// <summary>
/// Runs the check library on a pull request with the inputs the command line would give it (one
/// <see cref="Inputs.AnalysisInputBuilder"/>), and turns what it could not check into notes for the summary.
/// </summary>
public static class ChangeAnalyzer
{
    /// <summary>A pull request names an account, not the "Name &lt;address&gt;" that sends a series by mail.</summary>
    public const string SubmitterNotChecked =
        "the last Signed-off-by was not compared with the sender: a pull request names an account, not a \"Name <address>\"";

    public sealed record Output(IReadOnlyList<Finding> Findings, IReadOnlyList<FileChange> DiffFiles, IReadOnlyList<string> Notes)
    {
        /// <summary>Each model claim with the analysis' verdict (empty without model answers).</summary>
        public IReadOnlyList<Checks.Claims.Verification.VerifiedClaim> Claims { get; init; } = [];

        /// <summary>Model answers that were not well-formed claims.</summary>
        public IReadOnlyList<string> DroppedClaims { get; init; } = [];
    }

    public static Output Run(
        ChangeSeries.Result built, IReadOnlyDictionary<(int Patch, string Path), FileImages>? images, CheckConfig config, ReviewEnvironment environment,
        Checks.Claims.ModelAnswers? claims = null)
    {
        var notes = new List<string>(built.Skipped);
        var diffFiles = built.DiffPatchIndex >= 0 ? built.Series.Patches[built.DiffPatchIndex].Files : [];
        var texts = built.DiffText is { } diff
            ? new Dictionary<string, byte[]>(StringComparer.Ordinal) { [ChangeSeries.DiffSource] = diff }
            : new Dictionary<string, byte[]>(StringComparer.Ordinal);
        var input = environment.Inputs.Build(texts, submitter: null);
        var analyzer = new Analyzer(environment.Rules, config);
        var result = analyzer.Run(built.Series, images, claims is null ? input.Options : input.Options with { Claims = claims });
        notes.AddRange(result.Diagnostics
            .Where(d => d.Severity == DiagnosticSeverity.Error || d.Message.Contains("could not analyse", StringComparison.Ordinal))
            .Select(d => d.Message));
        if (diffFiles.Count > 0)
        {
            notes.AddRange(input.NotChecked);
            notes.AddRange(input.Problems);
        }

        if (result.Notes.Contains(Analyzer.SkippedWithoutIndex))
        {
            notes.Add($"unknown-symbol, wrong-arity and unknown-header skipped: this server has no symbol index ({Inputs.InputSettingNames.Bot.Index})");
        }

        if (built.Series.Patches.Any(p => p.Commit is not null))
        {
            notes.Add(SubmitterNotChecked);
        }

        return new Output(result.Findings, diffFiles, notes) { Claims = result.Claims, DroppedClaims = result.DroppedClaims };
    }
}
