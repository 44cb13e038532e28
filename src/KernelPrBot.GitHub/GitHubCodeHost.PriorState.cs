using KernelPrBot.GitHub.Api;
using KernelPrBot.Review.Model;
using KernelPrBot.Review.Planning;
using Octokit;

namespace KernelPrBot.GitHub;

public sealed partial class GitHubCodeHost
{
    public async Task<PriorBotState> GetPriorStateAsync(Change change, CancellationToken cancellationToken = default)
    {
        var client = await clients.ForRepositoryAsync(change.Repository, null, cancellationToken).ConfigureAwait(false);
        var (owner, name) = RepositoryName.Split(change.Repository);
        var bot = await clients.BotLoginAsync(cancellationToken).ConfigureAwait(false);
        var all = new ApiOptions { PageSize = 100 };

        var reviewComments = await client.PullRequest.ReviewComment.GetAll(owner, name, change.Number, all).ConfigureAwait(false);
        var inline = new List<PostedComment>();
        foreach (var c in reviewComments.Where(c => IsBot(c.User, bot)))
        {
            if (Markers.TryParseFinding(c.Body, out var fingerprint, out var resolved))
            {
                inline.Add(new PostedComment(c.Id, fingerprint, resolved, c.Path, c.Position ?? c.OriginalPosition));
            }
        }

        var issueComments = await client.Issue.Comment.GetAllForIssue(owner, name, change.Number, all).ConfigureAwait(false);
        var ours = issueComments.Where(c => IsBot(c.User, bot)).OrderBy(c => c.Id).ToList();
        var summary = ours.FirstOrDefault(c => Markers.IsSummary(c.Body));
        var replied = new HashSet<long>();
        foreach (var c in ours)
        {
            if (Markers.TryParseReply(c.Body, out var answered))
            {
                replied.Add(answered);
            }
        }

        var labels = await client.Issue.Labels.GetAllForIssue(owner, name, change.Number, all).ConfigureAwait(false);
        return new PriorBotState
        {
            InlineComments = inline,
            Labels = labels.Select(l => l.Name).ToList(),
            Summary = summary is null ? null : new PostedSummary(summary.Id, summary.Body),
            CheckRun = clients.UsesApp
                ? await LatestCheckRunAsync(client, owner, name, change.HeadSha).ConfigureAwait(false)
                : await LatestStatusAsync(client, owner, name, change.HeadSha).ConfigureAwait(false),
            RepliedTo = replied,
        };
    }

    private async Task<PostedCheckRun?> LatestCheckRunAsync(IGitHubClient client, string owner, string name, string headSha)
    {
        var runs = await client.Check.Run.GetAllForReference(owner, name, headSha, new CheckRunRequest { CheckName = options.CheckName }).ConfigureAwait(false);
        var latest = runs.CheckRuns.Where(r => r.App is null || r.App.Slug + "[bot]" == clients.BotLoginIfKnown).MaxBy(r => r.Id);
        if (latest is null)
        {
            return null;
        }

        var completed = latest.Status.StringValue == "completed";
        var keys = new HashSet<string>(StringComparer.Ordinal);
        if (!completed)
        {
            var annotations = await client.Check.Run.GetAllAnnotations(owner, name, latest.Id, new ApiOptions { PageSize = 100 }).ConfigureAwait(false);
            foreach (var a in annotations)
            {
                keys.Add(PlannedAnnotation.KeyOf(a.Path, a.StartLine, a.Title));
            }
        }

        return new PostedCheckRun(latest.Id, completed, latest.ExternalId, keys);
    }

    /// <summary>With a plain token there are no check runs; the commit status carries the same state key in its description.</summary>
    private async Task<PostedCheckRun?> LatestStatusAsync(IGitHubClient client, string owner, string name, string headSha)
    {
        var statuses = await client.Repository.Status.GetAll(owner, name, headSha).ConfigureAwait(false);
        var latest = statuses.Where(s => string.Equals(s.Context, options.CheckName, StringComparison.OrdinalIgnoreCase)).MaxBy(s => s.Id);
        if (latest?.Description is not { } description)
        {
            return null;
        }

        var at = description.LastIndexOf(StatusKeySeparator, StringComparison.Ordinal);
        return new PostedCheckRun(0, true, at < 0 ? null : description[(at + StatusKeySeparator.Length)..], new HashSet<string>());
    }

    private static bool IsBot(User? user, string bot) => user is not null && string.Equals(user.Login, bot, StringComparison.OrdinalIgnoreCase);
}
