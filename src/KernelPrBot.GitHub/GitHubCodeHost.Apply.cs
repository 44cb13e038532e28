using KernelPrBot.Checks.Rules;
using KernelPrBot.GitHub.Api;
using KernelPrBot.Review.Model;
using KernelPrBot.Review.Planning;
using Octokit;
using CheckConclusion = KernelPrBot.Review.Planning.CheckConclusion;

namespace KernelPrBot.GitHub;

public sealed partial class GitHubCodeHost
{
    /// <summary>GitHub takes at most 50 annotations per request; reviews are chunked alike so one bad line costs little.</summary>
    public const int BatchSize = 50;

    private const string StatusKeySeparator = " · ";
    private const string RerunAction = "kpb-rerun";

    /// <summary>
    /// Order matters for a retry after a crash: the check run is created first (in progress) and finished last,
    /// so an attempt that dies leaves an unfinished run the next attempt completes instead of duplicating.
    /// </summary>
    public async Task ApplyAsync(Change change, ReviewPlan plan, CancellationToken cancellationToken = default)
    {
        var client = await clients.ForRepositoryAsync(change.Repository, null, cancellationToken).ConfigureAwait(false);
        var (owner, name) = RepositoryName.Split(change.Repository);
        var check = plan.CheckRun;
        long? checkRunId = null;
        var pendingAnnotations = check?.Annotations ?? [];
        if (check is not null && clients.UsesApp)
        {
            checkRunId = check.ExistingId;
            if (checkRunId is null)
            {
                var created = await client.Check.Run.Create(owner, name, new NewCheckRun(check.Name, plan.HeadSha)
                {
                    Status = CheckStatus.InProgress,
                    ExternalId = check.ExternalId,
                    Output = new NewCheckRunOutput("Reviewing…", "KernelPrBot is posting its review.")
                    {
                        Annotations = pendingAnnotations.Take(BatchSize).Select(ToAnnotation).ToList(),
                    },
                }).ConfigureAwait(false);
                checkRunId = created.Id;
                pendingAnnotations = pendingAnnotations.Skip(BatchSize).ToList();
            }
        }

        await PostReviewAsync(client, owner, name, change.Number, plan).ConfigureAwait(false);
        foreach (var edit in plan.CommentEdits)
        {
            await client.PullRequest.ReviewComment.Edit(owner, name, edit.CommentId, new PullRequestReviewCommentEdit(edit.Body)).ConfigureAwait(false);
        }

        if (plan.LabelsToAdd.Count > 0)
        {
            await client.Issue.Labels.AddToIssue(owner, name, change.Number, plan.LabelsToAdd.ToArray()).ConfigureAwait(false);
        }

        foreach (var label in plan.LabelsToRemove)
        {
            try
            {
                await client.Issue.Labels.RemoveFromIssue(owner, name, change.Number, label).ConfigureAwait(false);
            }
            catch (NotFoundException)
            {
                // Someone removed it already; that is the state we wanted.
            }
        }

        if (plan.Summary is { } summary)
        {
            if (summary.CommentId is { } id)
            {
                await client.Issue.Comment.Update(owner, name, id, summary.Body).ConfigureAwait(false);
            }
            else
            {
                await client.Issue.Comment.Create(owner, name, change.Number, summary.Body).ConfigureAwait(false);
            }
        }

        if (check is not null)
        {
            if (checkRunId is { } runId)
            {
                await FinishCheckRunAsync(client, owner, name, runId, check, pendingAnnotations).ConfigureAwait(false);
            }
            else
            {
                await PostStatusAsync(client, owner, name, plan.HeadSha, check).ConfigureAwait(false);
            }
        }

        foreach (var reply in plan.Replies)
        {
            await client.Issue.Comment.Create(owner, name, change.Number, reply.Body).ConfigureAwait(false);
        }

        foreach (var reaction in plan.Reactions)
        {
            await client.Reaction.IssueComment.Create(owner, name, reaction.CommentId, new NewReaction(ReactionOf(reaction.Content))).ConfigureAwait(false);
        }
    }

    private static async Task FinishCheckRunAsync(IGitHubClient client, string owner, string name, long runId, CheckRunChange check, IReadOnlyList<PlannedAnnotation> pending)
    {
        foreach (var batch in pending.Chunk(BatchSize))
        {
            await client.Check.Run.Update(owner, name, runId, new CheckRunUpdate
            {
                Output = new NewCheckRunOutput("Reviewing…", "KernelPrBot is posting its review.") { Annotations = batch.Select(ToAnnotation).ToList() },
            }).ConfigureAwait(false);
        }

        await client.Check.Run.Update(owner, name, runId, new CheckRunUpdate
        {
            Status = CheckStatus.Completed,
            Conclusion = check.Conclusion switch
            {
                CheckConclusion.Failure => Octokit.CheckConclusion.Failure,
                CheckConclusion.Neutral => Octokit.CheckConclusion.Neutral,
                _ => Octokit.CheckConclusion.Success,
            },
            ExternalId = check.ExternalId,
            Output = new NewCheckRunOutput(check.Title, Clip(check.Summary, 65_535)),
            Actions = [new NewCheckRunAction("Re-run", "Review this pull request again", RerunAction)],
        }).ConfigureAwait(false);
    }

    private async Task PostStatusAsync(IGitHubClient client, string owner, string name, string sha, CheckRunChange check)
    {
        var state = check.Conclusion == CheckConclusion.Failure ? CommitState.Failure : CommitState.Success;
        var description = Clip(check.Title, 140 - StatusKeySeparator.Length - check.ExternalId.Length) + StatusKeySeparator + check.ExternalId;
        await client.Repository.Status.Create(owner, name, sha, new NewCommitStatus { State = state, Context = options.CheckName, Description = description }).ConfigureAwait(false);
    }

    private static NewCheckRunAnnotation ToAnnotation(PlannedAnnotation a) =>
        new(a.Path, a.StartLine, a.EndLine, a.Severity switch
        {
            Severity.Error => CheckAnnotationLevel.Failure,
            Severity.Warning => CheckAnnotationLevel.Warning,
            _ => CheckAnnotationLevel.Notice,
        }, Clip(a.Message, 60_000))
        {
            Title = Clip(a.Title, 255),
        };

    private static ReactionType ReactionOf(string content) => content switch
    {
        "+1" => ReactionType.Plus1,
        "-1" => ReactionType.Minus1,
        "confused" => ReactionType.Confused,
        "rocket" => ReactionType.Rocket,
        "heart" => ReactionType.Heart,
        "hooray" => ReactionType.Hooray,
        "laugh" => ReactionType.Laugh,
        _ => ReactionType.Eyes,
    };

    internal static string Clip(string text, int max) => text.Length <= max ? text : text[..Math.Max(0, max - 1)] + "…";
}
