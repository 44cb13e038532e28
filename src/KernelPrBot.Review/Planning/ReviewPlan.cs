using System.Text;

namespace KernelPrBot.Review.Planning;

/// <summary>Everything a job will post or edit on one pull request; applying it twice changes nothing the second time.</summary>
public sealed record ReviewPlan
{
    public required string HeadSha { get; init; }

    public string ReviewBody { get; init; } = string.Empty;

    public IReadOnlyList<PlannedComment> NewComments { get; init; } = [];

    public IReadOnlyList<CommentEdit> CommentEdits { get; init; } = [];

    public IReadOnlyList<string> LabelsToAdd { get; init; } = [];

    public IReadOnlyList<string> LabelsToRemove { get; init; } = [];

    public SummaryChange? Summary { get; init; }

    public CheckRunChange? CheckRun { get; init; }

    public IReadOnlyList<PlannedReply> Replies { get; init; } = [];

    public IReadOnlyList<PlannedReaction> Reactions { get; init; } = [];

    public bool IsEmpty =>
        NewComments.Count == 0 && CommentEdits.Count == 0 && LabelsToAdd.Count == 0 && LabelsToRemove.Count == 0
        && Summary is null && CheckRun is null && Replies.Count == 0 && Reactions.Count == 0;

    /// <summary>A readable account of the plan, for dry runs and logs.</summary>
    public string Describe()
    {
        if (IsEmpty)
        {
            return "nothing to do: the pull request already shows this result";
        }

        var text = new StringBuilder();
        foreach (var c in NewComments)
        {
            text.Append("comment   ").Append(c.Path).Append(':').Append(c.Line?.ToString() ?? (c.OldLine is { } old ? $"-{old}" : "file")).Append("  ").AppendLine(FirstLine(c.Body));
        }

        foreach (var e in CommentEdits)
        {
            text.Append(e.Resolves ? "resolve   comment " : "reopen    comment ").Append(e.CommentId).AppendLine();
        }

        foreach (var l in LabelsToAdd)
        {
            text.Append("label +   ").AppendLine(l);
        }

        foreach (var l in LabelsToRemove)
        {
            text.Append("label -   ").AppendLine(l);
        }

        if (Summary is not null)
        {
            text.Append(Summary.CommentId is null ? "summary   create" : $"summary   edit comment {Summary.CommentId}")
                .Append(" (").Append(Summary.Body.Length).AppendLine(" characters)");
        }

        if (CheckRun is not null)
        {
            text.Append(CheckRun.ExistingId is null ? "check run create" : $"check run finish {CheckRun.ExistingId}")
                .Append(' ').Append(CheckRun.Conclusion.ToString().ToLowerInvariant()).Append(": ").Append(CheckRun.Title)
                .Append(", ").Append(CheckRun.Annotations.Count).AppendLine(" annotations");
        }

        foreach (var r in Replies)
        {
            text.Append("reply     to comment ").Append(r.InReplyToCommentId).Append("  ").AppendLine(FirstLine(r.Body));
        }

        foreach (var r in Reactions)
        {
            text.Append("react     ").Append(r.Content).Append(" on comment ").Append(r.CommentId).AppendLine();
        }

        return text.ToString();
    }

    private static string FirstLine(string body)
    {
        var line = body.Split('\n', 2)[0].Trim();
        return line.Length > 100 ? line[..100] + "…" : line;
    }
}
