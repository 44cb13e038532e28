using KernelPrBot.Checks.Claims;
using KernelPrBot.Checks.Config;
using KernelPrBot.Checks.Patches;
using KernelPrBot.Checks.Source;
using KernelPrBot.Review.Analysis;
using KernelPrBot.Review.Jobs;
using KernelPrBot.Review.Model;

namespace KernelPrBot.Review.ModelStage;

/// <summary>
/// The model stage inside a review job: ask the model (or take its recorded answers for this head), verify every claim
/// with the analysis, add the confirmed ones as findings (and, with Llm:PostUnverified, the uncheckable ones as marked
/// suggestions), keep the record for <c>/kpb explain model</c>. A model that fails costs its claims, never the review.
/// </summary>
public static class ModelStageStep
{
    public static async Task<(ChangeAnalyzer.Output Analysis, ModelStageSummary? Summary)> RunAsync(
        Change change, ChangeSeries.Result built, IReadOnlyDictionary<(int Patch, string Path), FileImages>? images, CheckConfig config,
        ReviewEnvironment environment, ChangeAnalyzer.Output analysis, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(change);
        ArgumentNullException.ThrowIfNull(built);
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(analysis);
        if (environment.ModelReviewer is not { } reviewer)
        {
            return (analysis, null);
        }

        ModelStageRun run;
        if (!built.Series.Patches.Any(p => p.Files.Any(IsCSource)))
        {
            run = new ModelStageRun(new ModelAnswers(reviewer.Model, []), ClaimUsage.None, [], ["no C file changed: the model was not asked (the stage reviews C changes only)"]);
        }
        else
        {
            try
            {
                run = await reviewer.ReviewAsync(new ModelStageInput(change, built.Series, images, environment), cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                run = ModelStageRun.Failed($"the model stage failed ({ex.GetType().Name}); the findings are the rules' alone", ClaimUsage.None, []);
            }
        }

        var verified = run.Answers is { Patches.Count: > 0 } answers ? ChangeAnalyzer.Run(built, images, config, environment, answers) : analysis;
        var findings = verified.Findings;
        if (environment.PostUnverifiedClaims)
        {
            findings = [.. findings, .. verified.Claims.Where(c => c.Verdict == ClaimVerdict.NotCheckable).Select(ModelSuggestions.ToFinding)];
        }

        var record = new ModelStageRecord(reviewer.Model, change.HeadSha, run, verified.Claims, verified.DroppedClaims);
        try
        {
            await reviewer.SaveRecordAsync(change, record, cancellationToken).ConfigureAwait(false);
        }
        catch (IOException)
        {
            // The record serves /kpb explain model and the next run's cache; the review itself does not need it.
        }

        var summary = new ModelStageSummary(reviewer.Model, run, verified.Claims, verified.DroppedClaims, environment.PostUnverifiedClaims);
        return (verified with { Findings = findings }, summary);
    }

    private static bool IsCSource(FileChange file) =>
        !file.IsBinary && (file.Path.EndsWith(".c", StringComparison.Ordinal) || file.Path.EndsWith(".h", StringComparison.Ordinal));
}
