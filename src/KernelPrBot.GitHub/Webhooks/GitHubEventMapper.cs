using KernelPrBot.Review.Commands;
using KernelPrBot.Review.Model;
using Octokit.Webhooks;
using Octokit.Webhooks.Events;
using Octokit.Webhooks.Events.CheckRun;
using Octokit.Webhooks.Events.CheckSuite;
using Octokit.Webhooks.Events.IssueComment;
using Octokit.Webhooks.Events.PullRequest;

namespace KernelPrBot.GitHub.Webhooks;

/// <summary>
/// Maps a verified delivery to a review request with Octokit.Webhooks' typed events. One instance per delivery:
/// it records the request (or why there is none) instead of acting, so ingress stays fast and never calls GitHub.
/// </summary>
internal sealed class GitHubEventMapper : WebhookEventProcessor
{
    public ReviewRequest? Request { get; private set; }

    public string IgnoredBecause { get; private set; } = "event not handled";

    protected override ValueTask ProcessPullRequestWebhookAsync(WebhookHeaders headers, PullRequestEvent pullRequestEvent, PullRequestAction action, CancellationToken cancellationToken = default)
    {
        ReviewTrigger? trigger = pullRequestEvent.Action switch
        {
            "opened" => ReviewTrigger.Opened,
            "synchronize" => ReviewTrigger.Synchronize,
            "reopened" => ReviewTrigger.Reopened,
            "ready_for_review" => ReviewTrigger.ReadyForReview,
            _ => null,
        };
        if (trigger is null)
        {
            return Ignore($"pull_request action {pullRequestEvent.Action}");
        }

        var pr = pullRequestEvent.PullRequest;
        Request = Base(headers, pullRequestEvent, pr.Number, trigger.Value) with { HeadSha = pr.Head.Sha };
        return ValueTask.CompletedTask;
    }

    protected override ValueTask ProcessIssueCommentWebhookAsync(WebhookHeaders headers, IssueCommentEvent issueCommentEvent, IssueCommentAction action, CancellationToken cancellationToken = default)
    {
        if (issueCommentEvent.Action != "created")
        {
            return Ignore($"issue_comment action {issueCommentEvent.Action}");
        }

        if (issueCommentEvent.Issue.PullRequest is null)
        {
            return Ignore("comment on an issue, not a pull request");
        }

        var comment = issueCommentEvent.Comment;
        if (comment.User?.Type.ToString() == "Bot" || issueCommentEvent.Sender?.Type.ToString() == "Bot")
        {
            return Ignore("comment by a bot");
        }

        if (!SlashCommandParser.TryParse(comment.Body, out _))
        {
            return Ignore("comment holds no /kpb command");
        }

        Request = Base(headers, issueCommentEvent, issueCommentEvent.Issue.Number, ReviewTrigger.Command) with
        {
            Requester = comment.User?.Login ?? issueCommentEvent.Sender?.Login,
            CommandText = comment.Body.Length > 4000 ? comment.Body[..4000] : comment.Body,
            CommentId = comment.Id,
        };
        return ValueTask.CompletedTask;
    }

    protected override ValueTask ProcessCheckRunWebhookAsync(WebhookHeaders headers, CheckRunEvent checkRunEvent, CheckRunAction action, CancellationToken cancellationToken = default)
    {
        var name = checkRunEvent.Action;
        if (name is not ("rerequested" or "requested_action"))
        {
            return Ignore($"check_run action {name}");
        }

        var run = checkRunEvent.CheckRun;
        // Fork pull requests come with an empty pull_requests list; our external_id starts with the number.
        var number = run.PullRequests is { Count: > 0 } prs ? (int)prs[0].Number : ExternalIdNumber(run.ExternalId);
        if (number is null)
        {
            return Ignore("check run names no pull request");
        }

        Request = Base(headers, checkRunEvent, number.Value, ReviewTrigger.Rerequested);
        return ValueTask.CompletedTask;
    }

    protected override ValueTask ProcessCheckSuiteWebhookAsync(WebhookHeaders headers, CheckSuiteEvent checkSuiteEvent, CheckSuiteAction action, CancellationToken cancellationToken = default)
    {
        if (checkSuiteEvent.Action != "rerequested")
        {
            return Ignore($"check_suite action {checkSuiteEvent.Action}");
        }

        long? number = checkSuiteEvent.CheckSuite.PullRequests is { Count: > 0 } prs ? prs[0].Number : null;
        if (number is null)
        {
            return Ignore("check suite names no pull request");
        }

        Request = Base(headers, checkSuiteEvent, number.Value, ReviewTrigger.Rerequested);
        return ValueTask.CompletedTask;
    }

    private static ReviewRequest Base(WebhookHeaders headers, WebhookEvent webhookEvent, long number, ReviewTrigger trigger) => new()
    {
        Forge = ForgeKind.GitHub,
        Repository = webhookEvent.Repository?.FullName ?? throw Incomplete("repository"),
        RepositoryId = webhookEvent.Repository.Id,
        Number = checked((int)number),
        Trigger = trigger,
        DeliveryId = headers.Delivery ?? string.Empty,
        Requester = webhookEvent.Sender?.Login,
        InstallationId = webhookEvent.Installation?.Id,
    };

    internal static int? ExternalIdNumber(string? externalId)
    {
        var head = externalId?.Split(':', 2)[0];
        return int.TryParse(head, out var n) && n > 0 ? n : null;
    }

    private ValueTask Ignore(string why)
    {
        IgnoredBecause = why;
        return ValueTask.CompletedTask;
    }

    private static FormatException Incomplete(string field) => new($"payload has no {field}");
}
