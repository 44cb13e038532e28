using System.Text.Json;
using System.Text.Json.Nodes;

namespace KernelPrBot.Testing.FakeGitHub;

/// <summary>Conversation comments, labels and reactions on a PR (PRs are issues).</summary>
internal static class IssueEndpoints
{
    public static void Map(Router router, ServerState state)
    {
        router.Map("GET", "/repos/{owner}/{repo}/issues/{issue_number}/comments", AuthMode.Token, request =>
            PullEndpoints.WithPull(state, request, (repo, pr) =>
                Paging.Page(request, state.Json.Api, repo.IssueCommentList.Where(c => c.Number == pr.Number).OrderBy(c => c.Id).ToList(),
                    c => state.Json.IssueComment(repo, c))));

        router.Map("POST", "/repos/{owner}/{repo}/issues/{issue_number}/comments", AuthMode.Token, request =>
            PullEndpoints.WithPull(state, request, (repo, pr) =>
            {
                var body = request.String("body") ?? "";
                if (body.Length > PullEndpoints.MaxBodyLength)
                {
                    return PullEndpoints.TooLong("IssueComment");
                }

                var comment = new FakeIssueComment(repo.Ids.Next(), pr.Number, request.Caller.User!, body, repo.Now, repo.Now);
                repo.IssueCommentList.Add(comment);
                var result = ApiResult.Created(state.Json.IssueComment(repo, comment));
                result.Headers["Location"] = $"{state.Json.Api}repos/{repo.FullName}/issues/comments/{comment.Id}";
                return result;
            }));

        router.Map("PATCH", "/repos/{owner}/{repo}/issues/comments/{comment_id}", AuthMode.Token, request =>
        {
            if (!state.TryRepository(request, out var repo, out var error))
            {
                return error;
            }

            var body = request.String("body") ?? "";
            lock (repo.Sync)
            {
                var index = repo.IssueCommentList.FindIndex(c => c.Id == request.Long("comment_id"));
                if (index < 0)
                {
                    return ApiResult.NotFound();
                }

                var comment = repo.IssueCommentList[index];
                if (!comment.User.Login.Equals(request.Caller.Login, StringComparison.OrdinalIgnoreCase))
                {
                    return PullEndpoints.NotAuthor(request);
                }

                if (body.Length > PullEndpoints.MaxBodyLength)
                {
                    return PullEndpoints.TooLong("IssueComment");
                }

                repo.IssueCommentList[index] = comment = comment with { Body = body, UpdatedAt = repo.Now };
                return ApiResult.Ok(state.Json.IssueComment(repo, comment));
            }
        });

        router.Map("GET", "/repos/{owner}/{repo}/issues/{issue_number}/labels", AuthMode.Token, request =>
            PullEndpoints.WithPull(state, request, (repo, pr) =>
                Paging.Page(request, state.Json.Api, pr.Changes.LabelNames.ToList(), n => GitHubJson.Label(repo, repo.LabelFor(n), state.Json.Api))));

        router.Map("POST", "/repos/{owner}/{repo}/issues/{issue_number}/labels", AuthMode.Token, request =>
            PullEndpoints.WithPull(state, request, (repo, pr) => AddLabels(state, request, repo, pr, replace: false)));

        router.Map("PUT", "/repos/{owner}/{repo}/issues/{issue_number}/labels", AuthMode.Token, request =>
            PullEndpoints.WithPull(state, request, (repo, pr) => AddLabels(state, request, repo, pr, replace: true)));

        router.Map("DELETE", "/repos/{owner}/{repo}/issues/{issue_number}/labels/{name}", AuthMode.Token, request =>
            PullEndpoints.WithPull(state, request, (repo, pr) =>
            {
                var name = request.Value("name");
                if (pr.Changes.LabelNames.RemoveAll(n => n.Equals(name, StringComparison.OrdinalIgnoreCase)) == 0)
                {
                    return ApiResult.Message(404, "Label does not exist", "https://docs.github.com/rest/issues/labels#remove-a-label-from-an-issue");
                }

                return Labels(state, repo, pr);
            }));

        router.Map("POST", "/repos/{owner}/{repo}/issues/comments/{comment_id}/reactions", AuthMode.Token, request =>
        {
            if (!state.TryRepository(request, out var repo, out var error))
            {
                return error;
            }

            var content = request.String("content") ?? "";
            var id = request.Long("comment_id");
            var user = request.Caller.User!;
            lock (repo.Sync)
            {
                if (!repo.IssueCommentList.Any(c => c.Id == id))
                {
                    return ApiResult.NotFound();
                }

                var existing = repo.ReactionList.FirstOrDefault(r => r.CommentId == id && r.Content == content && r.User.Login == user.Login);
                if (existing is not null)
                {
                    return ApiResult.Ok(state.Json.Reaction(existing));
                }

                var reaction = new FakeReaction(repo.Ids.Next(), id, user, content, repo.Now);
                repo.ReactionList.Add(reaction);
                return ApiResult.Created(state.Json.Reaction(reaction));
            }
        });
    }

    /// <summary>Accepts <c>{"labels":[…]}</c> (names or <c>{name}</c> objects) or a bare array of names; creates missing labels.</summary>
    private static ApiResult AddLabels(ServerState state, ApiRequest request, FakeRepository repo, FakePullRequest pr, bool replace)
    {
        var json = request.Json;
        var list = json.ValueKind == JsonValueKind.Array ? json
            : json.ValueKind == JsonValueKind.Object && json.TryGetProperty("labels", out var l) && l.ValueKind == JsonValueKind.Array ? l
            : default;
        var names = new List<string>();
        if (list.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in list.EnumerateArray())
            {
                var name = item.ValueKind == JsonValueKind.String ? item.GetString()
                    : item.ValueKind == JsonValueKind.Object && item.TryGetProperty("name", out var n) ? n.GetString() : null;
                if (string.IsNullOrWhiteSpace(name))
                {
                    return ApiResult.ValidationFailed("Label", "name", "invalid");
                }

                names.Add(name);
            }
        }

        if (replace)
        {
            pr.Changes.LabelNames.Clear();
        }

        foreach (var name in names)
        {
            var label = repo.LabelFor(name);
            if (!pr.Changes.LabelNames.Contains(label.Name, StringComparer.OrdinalIgnoreCase))
            {
                pr.Changes.LabelNames.Add(label.Name);
            }
        }

        return Labels(state, repo, pr);
    }

    private static ApiResult Labels(ServerState state, FakeRepository repo, FakePullRequest pr) =>
        ApiResult.Ok(new JsonArray(pr.Changes.LabelNames.Select(n => (JsonNode)GitHubJson.Label(repo, repo.LabelFor(n), state.Json.Api)).ToArray()));
}
