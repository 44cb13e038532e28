using System.Text.Json;

namespace KernelPrBot.Testing.FakeGitHub;

/// <summary>Reviews (atomic: every comment lands or none) and single review comments.</summary>
internal static class ReviewEndpoints
{
    public static void Map(Router router, ServerState state)
    {
        router.Map("GET", "/repos/{owner}/{repo}/pulls/{pull_number}/reviews", AuthMode.Token, request =>
            PullEndpoints.WithPull(state, request, (repo, pr) =>
                Paging.Page(request, state.Json.Api, repo.ReviewList.Where(r => r.Number == pr.Number).OrderBy(r => r.Id).ToList(),
                    r => state.Json.Review(repo, r))));

        router.Map("POST", "/repos/{owner}/{repo}/pulls/{pull_number}/reviews", AuthMode.Token, request =>
            PullEndpoints.WithPull(state, request, (repo, pr) => CreateReview(state, request, repo, pr)));

        router.Map("POST", "/repos/{owner}/{repo}/pulls/{pull_number}/comments", AuthMode.Token, request =>
            PullEndpoints.WithPull(state, request, (repo, pr) => CreateComment(state, request, repo, pr)));
    }

    private static ApiResult CreateReview(ServerState state, ApiRequest request, FakeRepository repo, FakePullRequest pr)
    {
        var commitId = request.String("commit_id") ?? pr.Changes.HeadShaUnlocked;
        if (!pr.Changes.HasCommit(commitId))
        {
            return ApiResult.Unprocessable($"No commit found for SHA: {commitId}");
        }

        var reviewEvent = request.String("event");
        var body = request.String("body");
        var comments = request.Json.TryGetProperty("comments", out var c) && c.ValueKind == JsonValueKind.Array ? c.EnumerateArray().ToList() : [];
        var user = request.Caller.User!;
        if (reviewEvent is "APPROVE" or "REQUEST_CHANGES" && user.Login.Equals(pr.AuthorLogin, StringComparison.OrdinalIgnoreCase))
        {
            return ApiResult.Unprocessable(reviewEvent == "APPROVE" ? "Can not approve your own pull request" : "Can not request changes on your own pull request");
        }

        if (string.IsNullOrEmpty(body) && (reviewEvent == "REQUEST_CHANGES" || (reviewEvent == "COMMENT" && comments.Count == 0)))
        {
            return ApiResult.Unprocessable("Body is required for this review event");
        }

        if ((body?.Length ?? 0) > PullEndpoints.MaxBodyLength)
        {
            return PullEndpoints.TooLong("PullRequestReview");
        }

        var files = repo.FilesOf(pr, commitId);
        var placements = new List<(ReviewLineResolver.Placement Place, string Body)>();
        for (var i = 0; i < comments.Count; i++)
        {
            var placement = ReviewLineResolver.Resolve(files, comments[i], out var error, out var violation);
            if (violation is not null)
            {
                state.AddViolation(request, $"comments[{i}].{violation}");
            }

            if (placement is null)
            {
                return ApiResult.Unprocessable(error!);
            }

            var text = comments[i].TryGetProperty("body", out var b) && b.ValueKind == JsonValueKind.String ? b.GetString()! : "";
            if (text.Length > PullEndpoints.MaxBodyLength)
            {
                return PullEndpoints.TooLong("PullRequestReviewComment");
            }

            placements.Add((placement, text));
        }

        var stateName = reviewEvent switch
        {
            "APPROVE" => "APPROVED",
            "REQUEST_CHANGES" => "CHANGES_REQUESTED",
            "COMMENT" => "COMMENTED",
            _ => "PENDING",
        };
        var reviewId = repo.Ids.Next();
        var ids = new List<long>();
        foreach (var (place, text) in placements)
        {
            var comment = NewComment(repo, pr, reviewId, commitId, place, text, user, null);
            repo.ReviewCommentList.Add(comment);
            ids.Add(comment.Id);
        }

        var review = new FakeReview(reviewId, pr.Number, commitId, stateName, body, user, repo.Now, ids);
        repo.ReviewList.Add(review);
        return ApiResult.Ok(state.Json.Review(repo, review));
    }

    /// <summary><c>POST …/pulls/{n}/comments</c>: one comment (its own review), or a reply with <c>in_reply_to</c>.</summary>
    private static ApiResult CreateComment(ServerState state, ApiRequest request, FakeRepository repo, FakePullRequest pr)
    {
        var body = request.String("body") ?? "";
        if (body.Length > PullEndpoints.MaxBodyLength)
        {
            return PullEndpoints.TooLong("PullRequestReviewComment");
        }

        var user = request.Caller.User!;
        if (request.Json.TryGetProperty("in_reply_to", out var reply) && reply.TryGetInt64(out var parentId))
        {
            var parent = repo.ReviewCommentList.FirstOrDefault(x => x.Id == parentId && x.Number == pr.Number);
            if (parent is null)
            {
                return ApiResult.NotFound();
            }

            var answer = parent with { Id = repo.Ids.Next(), Body = body, User = user, InReplyToId = parent.Id, CreatedAt = repo.Now, UpdatedAt = repo.Now };
            repo.ReviewCommentList.Add(answer);
            return ApiResult.Created(state.Json.ReviewComment(repo, answer));
        }

        var commitId = request.String("commit_id") ?? "";
        if (!pr.Changes.HasCommit(commitId))
        {
            return ApiResult.Unprocessable($"No commit found for SHA: {commitId}");
        }

        var placement = ReviewLineResolver.Resolve(repo.FilesOf(pr, commitId), request.Json, out var error, out var violation);
        if (violation is not null)
        {
            state.AddViolation(request, violation);
        }

        if (placement is null)
        {
            return ApiResult.Unprocessable(error!);
        }

        var reviewId = repo.Ids.Next();
        var comment = NewComment(repo, pr, reviewId, commitId, placement, body, user, null);
        repo.ReviewCommentList.Add(comment);
        repo.ReviewList.Add(new FakeReview(reviewId, pr.Number, commitId, "COMMENTED", "", user, repo.Now, [comment.Id]));
        return ApiResult.Created(state.Json.ReviewComment(repo, comment));
    }

    private static FakeReviewComment NewComment(FakeRepository repo, FakePullRequest pr, long reviewId, string commitId,
        ReviewLineResolver.Placement place, string body, FakeUser user, long? inReplyTo) =>
        new(repo.Ids.Next(), pr.Number, reviewId, commitId, place.File.Filename, place.LineNumber, place.Side, place.StartLine, place.StartSide,
            body, user, place.File.DiffHunk(place.Line), place.File.PositionOf(place.Line), inReplyTo, repo.Now, repo.Now);
}
