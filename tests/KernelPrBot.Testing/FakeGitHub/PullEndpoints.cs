using System.Text;
using System.Text.Json.Nodes;

namespace KernelPrBot.Testing.FakeGitHub;

/// <summary>A pull request, its diff, files, commits and review comments (list and edit).</summary>
internal static class PullEndpoints
{
    public const int MaxFiles = 3000;
    public const int MaxCommits = 250;
    public const int MaxBodyLength = 65536;
    private const int MaxDiffFiles = 300;

    public static void Map(Router router, ServerState state)
    {
        router.Map("GET", "/repos/{owner}/{repo}/pulls/{pull_number}", AuthMode.Token, request =>
            WithPull(state, request, (repo, pr) =>
                request.Accept?.Contains("diff", StringComparison.OrdinalIgnoreCase) == true ? Diff(repo, pr) : ApiResult.Ok(state.Json.PullRequest(repo, pr))));

        router.Map("GET", "/repos/{owner}/{repo}/pulls/{pull_number}/files", AuthMode.Token, request =>
            WithPull(state, request, (repo, pr) =>
            {
                var head = pr.Changes.HeadShaUnlocked;
                var files = repo.FilesOf(pr, null).Take(MaxFiles).ToList();
                return Paging.Page(request, state.Json.Api, files, f => state.Json.File(repo, pr, f, head));
            }));

        router.Map("GET", "/repos/{owner}/{repo}/pulls/{pull_number}/commits", AuthMode.Token, request =>
            WithPull(state, request, (repo, pr) =>
                Paging.Page(request, state.Json.Api, pr.Changes.Commits.Take(MaxCommits).ToList(), c => state.Json.Commit(repo, c))));

        router.Map("GET", "/repos/{owner}/{repo}/pulls/{pull_number}/comments", AuthMode.Token, request =>
            WithPull(state, request, (repo, pr) =>
                Paging.Page(request, state.Json.Api, repo.ReviewCommentList.Where(c => c.Number == pr.Number).OrderBy(c => c.Id).ToList(),
                    c => state.Json.ReviewComment(repo, c))));

        router.Map("PATCH", "/repos/{owner}/{repo}/pulls/comments/{comment_id}", AuthMode.Token, request =>
        {
            if (!state.TryRepository(request, out var repo, out var error))
            {
                return error;
            }

            var body = request.String("body") ?? "";
            lock (repo.Sync)
            {
                var index = repo.ReviewCommentList.FindIndex(c => c.Id == request.Long("comment_id"));
                if (index < 0)
                {
                    return ApiResult.NotFound();
                }

                var comment = repo.ReviewCommentList[index];
                if (!comment.User.Login.Equals(request.Caller.Login, StringComparison.OrdinalIgnoreCase))
                {
                    return NotAuthor(request);
                }

                if (body.Length > MaxBodyLength)
                {
                    return TooLong("PullRequestReviewComment");
                }

                repo.ReviewCommentList[index] = comment = comment with { Body = body, UpdatedAt = repo.Now };
                return ApiResult.Ok(state.Json.ReviewComment(repo, comment));
            }
        });
    }

    /// <summary>Runs <paramref name="action"/> with the repository lock held, or answers 404 for an unknown repository or PR.</summary>
    public static ApiResult WithPull(ServerState state, ApiRequest request, Func<FakeRepository, FakePullRequest, ApiResult> action)
    {
        if (!state.TryRepository(request, out var repo, out var error))
        {
            return error;
        }

        var number = request.Route.TryGetValue("pull_number", out _) ? request.Int("pull_number") : request.Int("issue_number");
        lock (repo.Sync)
        {
            return repo.Pulls.TryGetValue(number, out var pr) ? action(repo, pr) : ApiResult.NotFound();
        }
    }

    public static ApiResult NotAuthor(ApiRequest request) =>
        request.Caller.Kind == CallerKind.Installation
            ? ApiResult.Message(403, "Resource not accessible by integration")
            : ApiResult.Message(403, "Must have admin rights to Repository.");

    public static ApiResult TooLong(string resource) =>
        ApiResult.ValidationFailed(resource, "data", "unprocessable", $"Body is too long (maximum is {MaxBodyLength} characters)");

    /// <summary><c>Accept: application/vnd.github.diff</c>: the whole diff, or 406 "too_large" past 300 files like GitHub.</summary>
    private static ApiResult Diff(FakeRepository repo, FakePullRequest pr)
    {
        var files = repo.FilesOf(pr, null);
        if (files.Count > MaxDiffFiles)
        {
            return new ApiResult(406, new JsonObject
            {
                ["message"] = "Sorry, the diff exceeded the maximum number of files (300). Consider using 'List pull requests files' API or locally cloning the repository instead.",
                ["errors"] = new JsonArray(new JsonObject { ["resource"] = "PullRequest", ["field"] = "diff", ["code"] = "too_large" }),
                ["documentation_url"] = "https://docs.github.com/rest/pulls/pulls#list-pull-requests-files",
                ["status"] = "406",
            });
        }

        var sb = new StringBuilder();
        foreach (var f in files)
        {
            sb.Append($"diff --git a/{f.Filename} b/{f.Filename}\n");
            if (f.Status == "added")
            {
                sb.Append("new file mode 100644\n");
            }
            else if (f.Status == "removed")
            {
                sb.Append("deleted file mode 100644\n");
            }

            var before = f.OldContent is null ? "0000000" : GitObjects.BlobSha(f.OldContent)[..7];
            var after = f.NewContent is null ? "0000000" : GitObjects.BlobSha(f.NewContent)[..7];
            sb.Append($"index {before}..{after}{(f.Status == "modified" ? " 100644" : "")}\n");
            if (f.IsBinary)
            {
                sb.Append($"Binary files {(f.OldContent is null ? "/dev/null" : "a/" + f.Filename)} and {(f.NewContent is null ? "/dev/null" : "b/" + f.Filename)} differ\n");
                continue;
            }

            sb.Append(f.OldContent is null ? "--- /dev/null\n" : $"--- a/{f.Filename}\n");
            sb.Append(f.NewContent is null ? "+++ /dev/null\n" : $"+++ b/{f.Filename}\n");
            sb.Append(f.Patch).Append('\n');
        }

        return new ApiResult(200, null, Encoding.UTF8.GetBytes(sb.ToString()), "application/vnd.github.diff; charset=utf-8");
    }
}
