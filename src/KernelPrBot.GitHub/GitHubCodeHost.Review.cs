using KernelPrBot.Review.Planning;
using Octokit;

namespace KernelPrBot.GitHub;

public sealed partial class GitHubCodeHost
{
    private const string Json = "application/vnd.github+json";

    /// <summary>
    /// Posts new inline comments as reviews of up to 50 line comments. Octokit's typed review model knows only
    /// the retired <c>position</c>, so the JSON with <c>line</c>/<c>side</c> goes through its raw connection.
    /// </summary>
    private static async Task PostReviewAsync(IGitHubClient client, string owner, string name, int number, ReviewPlan plan)
    {
        var lineComments = plan.NewComments.Where(c => !c.IsOnFile).ToList();
        var first = true;
        foreach (var batch in lineComments.Chunk(BatchSize))
        {
            var review = new ReviewBody
            {
                CommitId = plan.HeadSha,
                Body = first ? plan.ReviewBody : "KernelPrBot (continued)",
                Comments = batch.Select(c => new ReviewCommentBody { Path = c.Path, Body = c.Body, Line = c.Line ?? c.OldLine, Side = c.Line is null ? "LEFT" : "RIGHT" }).ToList(),
            };
            first = false;
            try
            {
                await client.Connection.Post<PullRequestReview>(PullsUri(owner, name, number, "reviews"), review, Json, "application/json").ConfigureAwait(false);
            }
            catch (ApiValidationException)
            {
                // One line GitHub will not resolve fails the whole review; post the comments one by one instead.
                foreach (var c in batch)
                {
                    await PostSingleCommentAsync(client, owner, name, number, plan.HeadSha, c).ConfigureAwait(false);
                }
            }
        }

        foreach (var c in plan.NewComments.Where(c => c.IsOnFile))
        {
            await PostSingleCommentAsync(client, owner, name, number, plan.HeadSha, c).ConfigureAwait(false);
        }
    }

    private static async Task PostSingleCommentAsync(IGitHubClient client, string owner, string name, int number, string headSha, PlannedComment c)
    {
        var body = new SingleCommentBody
        {
            CommitId = headSha,
            Path = c.Path,
            Body = c.Body,
            Line = c.Line ?? c.OldLine,
            Side = c.IsOnFile ? null : c.Line is null ? "LEFT" : "RIGHT",
            SubjectType = c.IsOnFile ? "file" : null,
        };
        try
        {
            await client.Connection.Post<PullRequestReviewComment>(PullsUri(owner, name, number, "comments"), body, Json, "application/json").ConfigureAwait(false);
        }
        catch (ApiValidationException)
        {
            // The line is gone from the diff; the finding is still in the check run and the summary.
        }
    }

    private static Uri PullsUri(string owner, string name, int number, string tail) =>
        new($"repos/{Uri.EscapeDataString(owner)}/{Uri.EscapeDataString(name)}/pulls/{number}/{tail}", UriKind.Relative);

    // Octokit's serializer writes these PascalCase properties as snake_case and leaves nulls out.
    internal sealed class ReviewBody
    {
        public required string CommitId { get; init; }

        public required string Body { get; init; }

        public string Event { get; init; } = "COMMENT";

        public required IReadOnlyList<ReviewCommentBody> Comments { get; init; }
    }

    internal sealed class ReviewCommentBody
    {
        public required string Path { get; init; }

        public required string Body { get; init; }

        public int? Line { get; init; }

        public string? Side { get; init; }
    }

    internal sealed class SingleCommentBody
    {
        public required string CommitId { get; init; }

        public required string Path { get; init; }

        public required string Body { get; init; }

        public int? Line { get; init; }

        public string? Side { get; init; }

        public string? SubjectType { get; init; }
    }
}
