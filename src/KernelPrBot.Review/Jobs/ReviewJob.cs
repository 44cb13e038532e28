using KernelPrBot.Checks.Analysis;
using KernelPrBot.Checks.Config;
using KernelPrBot.Checks.Patches;
using KernelPrBot.Checks.Rules;
using KernelPrBot.Review.Analysis;
using KernelPrBot.Review.Commands;
using KernelPrBot.Review.Model;
using KernelPrBot.Review.ModelStage;
using KernelPrBot.Review.Planning;
using KernelPrBot.Review.Ports;

namespace KernelPrBot.Review.Jobs;

/// <summary>
/// One review: fetch the change, read the base branch's config, analyse, plan against what the bot posted
/// before, apply. Safe to run again for the same request (at-least-once queues do): the plan is then empty.
/// </summary>
public sealed class ReviewJob(ICodeHost host, ReviewEnvironment environment)
{
    private static readonly ReviewTrigger[] HeadEvents = [ReviewTrigger.Opened, ReviewTrigger.Synchronize, ReviewTrigger.Reopened, ReviewTrigger.ReadyForReview];

    public async Task<ReviewOutcome> RunAsync(ReviewRequest request, CancellationToken cancellationToken = default)
    {
        var change = await host.GetChangeAsync(request, cancellationToken).ConfigureAwait(false);
        if (!change.IsOpen)
        {
            return ReviewOutcome.Skipped($"{change.Repository}#{change.Number} is closed");
        }

        if (HeadEvents.Contains(request.Trigger) && request.HeadSha is not null && !string.Equals(request.HeadSha, change.HeadSha, StringComparison.OrdinalIgnoreCase))
        {
            // A newer push has its own event and job; reviewing an old head would only be overwritten.
            if (host is ISupersededHeads superseded)
            {
                await superseded.FinishSupersededAsync(change, request.HeadSha, cancellationToken).ConfigureAwait(false);
            }

            return ReviewOutcome.Skipped($"head {ChangeSeries.ShortSha(request.HeadSha)} was superseded by {ChangeSeries.ShortSha(change.HeadSha)}");
        }

        var prior = await host.GetPriorStateAsync(change, cancellationToken).ConfigureAwait(false);
        var ignores = Markers.ParseIgnores(prior.Summary?.Body).ToList();
        if (request.Trigger != ReviewTrigger.Command)
        {
            return await ReviewAsync(change, prior, ignores, null, cancellationToken).ConfigureAwait(false);
        }

        if (request.CommentId is not { } commentId || !SlashCommandParser.TryParse(request.CommandText, out var command))
        {
            return ReviewOutcome.Skipped("the comment holds no /kpb command");
        }

        if (prior.RepliedTo.Contains(commentId))
        {
            return ReviewOutcome.Skipped($"comment {commentId} was answered before");
        }

        var answer = await CommandResponder.DecideAsync(host, change, request, command, ignores, environment.ModelReviewer, cancellationToken).ConfigureAwait(false);
        if (!answer.RunsReview)
        {
            return await ApplyAsync(change, new ReviewPlan { HeadSha = change.HeadSha, Replies = answer.Replies(commentId), Reactions = answer.Reactions(commentId) }, 0, cancellationToken).ConfigureAwait(false);
        }

        return await ReviewAsync(change, prior, answer.Ignores, (answer, commentId), cancellationToken).ConfigureAwait(false);
    }

    private async Task<ReviewOutcome> ReviewAsync(
        Change change, PriorBotState prior, IReadOnlyList<IgnoreEntry> ignores, (CommandAnswer Answer, long CommentId)? command, CancellationToken cancellationToken)
    {
        var notes = new List<string>(change.Limits);
        var config = await LoadConfigAsync(change, notes, cancellationToken).ConfigureAwait(false);
        var built = ChangeSeries.Build(change);
        var diffFiles = built.DiffPatchIndex >= 0 ? built.Series.Patches[built.DiffPatchIndex].Files : [];
        var images = await SourceImages.FetchAsync(host, change, diffFiles, built.DiffPatchIndex, environment.Options, notes, cancellationToken).ConfigureAwait(false);
        var analysis = ChangeAnalyzer.Run(built, images, config, environment);
        notes.AddRange(analysis.Notes);
        (analysis, var modelStage) = await ModelStageStep.RunAsync(change, built, images, config, environment, analysis, cancellationToken).ConfigureAwait(false);

        var plan = ReviewPlanner.Plan(new PlannerInput
        {
            Change = change,
            Findings = analysis.Findings,
            Diff = new DiffFilter(diffFiles),
            Prior = prior,
            Ignores = ignores,
            Notes = notes,
            SendEmailCommand = environment.Maintainers?.Route(diffFiles.Select(f => f.Path)).SendEmailCommand(),
            Options = environment.Options,
            ModelStage = modelStage,
        });
        if (command is { } c)
        {
            plan = plan with { Replies = c.Answer.Replies(c.CommentId), Reactions = c.Answer.Reactions(c.CommentId) };
        }

        return await ApplyAsync(change, plan, analysis.Findings.Count, cancellationToken).ConfigureAwait(false);
    }

    private async Task<ReviewOutcome> ApplyAsync(Change change, ReviewPlan plan, int findingCount, CancellationToken cancellationToken)
    {
        var where = $"{change.Repository}#{change.Number} at {ChangeSeries.ShortSha(change.HeadSha)}";
        if (environment.Options.DryRun)
        {
            return new ReviewOutcome(ReviewOutcomeKind.Planned, $"{where}: dry run, {findingCount} finding(s)\n{plan.Describe()}", plan, findingCount);
        }

        if (!plan.IsEmpty)
        {
            await host.ApplyAsync(change, plan, cancellationToken).ConfigureAwait(false);
        }

        return new ReviewOutcome(ReviewOutcomeKind.Applied, $"{where}: {findingCount} finding(s); {(plan.IsEmpty ? "nothing changed" : "updated")}", plan, findingCount);
    }

    private async Task<CheckConfig> LoadConfigAsync(Change change, List<string> notes, CancellationToken cancellationToken)
    {
        var text = await host.GetFileTextAsync(change, CheckConfigParser.FileName, change.BaseSha, cancellationToken).ConfigureAwait(false);
        if (text is null)
        {
            return CheckConfig.Empty;
        }

        try
        {
            return CheckConfigParser.Parse(text, CheckConfigParser.FileName + " (base branch)", environment.Rules.Select(r => r.Descriptor.Id).ToList());
        }
        catch (ConfigException ex)
        {
            notes.Add($"the base branch's {CheckConfigParser.FileName} was not used: {ex.Message}");
            return CheckConfig.Empty;
        }
    }
}
