using KernelPrBot.GitLab.Api;
using KernelPrBot.Review.Model;
using KernelPrBot.Review.Planning;

namespace KernelPrBot.GitLab;

public sealed partial class GitLabCodeHost
{
    /// <summary>GitLab's commit status description is short; keep the state key at its end within this.</summary>
    private const int MaxDescription = 255;

    /// <summary>
    /// The status goes to <c>running</c> first and to its result last, so an attempt that dies leaves a running status
    /// the retry completes. Discussions are positioned on the SHAs of the diff version the change was read from.
    /// </summary>
    public async Task ApplyAsync(Change change, ReviewPlan plan, CancellationToken cancellationToken = default)
    {
        var project = ProjectOf(change);
        var iid = change.Number;
        string? currentState = null;
        if (plan.CheckRun is not null)
        {
            var statuses = await client.StatusesAsync(project, plan.HeadSha, cancellationToken).ConfigureAwait(false);
            currentState = statuses.Where(s => string.Equals(s.Name, options.CheckName, StringComparison.Ordinal)).MaxBy(s => s.Id)?.Status;
            if (currentState != "running")
            {
                await client.SetStatusAsync(project, plan.HeadSha, "running", options.CheckName, "KernelPrBot is reviewing", null, cancellationToken).ConfigureAwait(false);
            }
        }

        foreach (var comment in plan.NewComments)
        {
            await PostDiscussionAsync(project, iid, change, comment, cancellationToken).ConfigureAwait(false);
        }

        foreach (var edit in plan.CommentEdits)
        {
            if (edit.ThreadId is not { } discussion)
            {
                continue;
            }

            await client.EditDiscussionNoteAsync(project, iid, discussion, edit.CommentId, edit.Body, cancellationToken).ConfigureAwait(false);
            await client.ResolveDiscussionAsync(project, iid, discussion, edit.Resolves, cancellationToken).ConfigureAwait(false);
        }

        if (plan.LabelsToAdd.Count > 0 || plan.LabelsToRemove.Count > 0)
        {
            await client.UpdateLabelsAsync(project, iid, plan.LabelsToAdd, plan.LabelsToRemove, cancellationToken).ConfigureAwait(false);
        }

        if (plan.Summary is { } summary)
        {
            _ = summary.CommentId is { } id
                ? await client.EditNoteAsync(project, iid, id, summary.Body, cancellationToken).ConfigureAwait(false)
                : await client.CreateNoteAsync(project, iid, summary.Body, cancellationToken).ConfigureAwait(false);
        }

        if (plan.CheckRun is { } check)
        {
            var state = check.Conclusion == CheckConclusion.Failure ? "failed" : "success";
            var description = Clip(check.Title, MaxDescription - StatusKeySeparator.Length - check.ExternalId.Length) + StatusKeySeparator + check.ExternalId;
            await client.SetStatusAsync(project, plan.HeadSha, state, options.CheckName, description, change.WebUrl, cancellationToken).ConfigureAwait(false);
        }

        foreach (var reply in plan.Replies)
        {
            await client.CreateNoteAsync(project, iid, reply.Body, cancellationToken).ConfigureAwait(false);
        }

        foreach (var reaction in plan.Reactions)
        {
            await client.AwardEmojiAsync(project, iid, reaction.CommentId, EmojiOf(reaction.Content), cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Added lines carry only new_line, unchanged context lines both, removed lines only old_line (GitLab refuses
    /// any other combination). A comment GitLab still refuses is left to the summary and the status.
    /// </summary>
    private async Task PostDiscussionAsync(string project, int iid, Change change, PlannedComment comment, CancellationToken cancellationToken)
    {
        var previous = change.Files.FirstOrDefault(f => f.Path == comment.Path)?.PreviousPath ?? comment.Path;
        var position = new GitLabPosition(
            comment.IsOnFile ? "file" : "text",
            change.BaseSha,
            change.DiffStartSha ?? change.BaseSha,
            change.HeadSha,
            previous,
            comment.Path,
            comment.OldLine,
            comment.Line);
        try
        {
            await client.CreateDiscussionAsync(project, iid, comment.Body, position, cancellationToken).ConfigureAwait(false);
        }
        catch (GitLabApiException ex) when (ex.StatusCode == System.Net.HttpStatusCode.BadRequest)
        {
            // The line is no longer in the latest version's diff.
        }
    }

    private static string EmojiOf(string content) => content switch
    {
        "+1" => "thumbsup",
        "-1" => "thumbsdown",
        "confused" => "confused",
        "eyes" => "eyes",
        "rocket" => "rocket",
        _ => "eyes",
    };

    private static string Clip(string text, int max) => text.Length <= max ? text : text[..Math.Max(0, max - 1)] + "…";
}
