namespace KernelPrBot.Review.Planning;

/// <summary>
/// A new inline comment. <see cref="Line"/> alone: an added line (new numbering). Both: an unchanged context line
/// (forges such as GitLab position those by both sides). <see cref="OldLine"/> alone: a removed line (old numbering).
/// Neither: a comment on the file.
/// </summary>
public sealed record PlannedComment(string Path, int? Line, string Body, string Fingerprint, int? OldLine = null)
{
    public bool IsOnFile => Line is null && OldLine is null;
}

/// <summary>
/// A change to a comment the bot posted before: resolved because the finding is gone, or reopened.
/// <see cref="ThreadId"/> names the thread the comment opened, where the forge resolves threads (GitLab discussions).
/// </summary>
public sealed record CommentEdit(long CommentId, string Body, bool Resolves, string? ThreadId = null);

public sealed record PlannedReply(long InReplyToCommentId, string Body);

/// <summary>A reaction on a command comment; content is GitHub's name (<c>+1</c>, <c>eyes</c>, <c>confused</c>, …).</summary>
public sealed record PlannedReaction(long CommentId, string Content);

/// <summary>Create the summary comment (<see cref="CommentId"/> null) or edit it in place.</summary>
public sealed record SummaryChange(long? CommentId, string Body);
