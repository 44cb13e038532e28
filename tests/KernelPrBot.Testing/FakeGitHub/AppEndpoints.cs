using System.Text.Json.Nodes;

namespace KernelPrBot.Testing.FakeGitHub;

/// <summary><c>/app</c>, installation tokens, <c>/user</c> and <c>/rate_limit</c>.</summary>
internal static class AppEndpoints
{
    public static void Map(Router router, ServerState state)
    {
        router.Map("GET", "/app", AuthMode.Jwt, _ => ApiResult.Ok(state.Json.App()));

        router.Map("POST", "/app/installations/{installation_id}/access_tokens", AuthMode.Jwt, request =>
        {
            var id = request.Long("installation_id");
            if (!state.HasInstallation(id))
            {
                return ApiResult.NotFound();
            }

            var (token, expires) = state.Tokens.Issue(id);
            return ApiResult.Created(new JsonObject
            {
                ["token"] = token,
                ["expires_at"] = GitHubJson.Date(expires),
                ["permissions"] = GitHubJson.Permissions(),
                ["repository_selection"] = "all",
            });
        });

        router.Map("GET", "/repos/{owner}/{repo}/installation", AuthMode.Jwt, request =>
            state.TryRepository(request, out var repo, out var error)
                ? ApiResult.Ok(state.Json.Installation(repo.InstallationId, repo.Owner))
                : error);

        router.Map("GET", "/user", AuthMode.Token, request =>
            request.Caller.Kind == CallerKind.Installation
                ? ApiResult.Message(403, "Resource not accessible by integration", "https://docs.github.com/rest/users/users#get-the-authenticated-user")
                : ApiResult.Ok(state.Json.User(request.Caller.User!)));

        router.Map("GET", "/rate_limit", AuthMode.Any, request =>
        {
            var (limit, used, reset) = state.Limits.Peek(request.Caller);
            JsonObject Core() => new()
            {
                ["limit"] = limit,
                ["used"] = used,
                ["remaining"] = limit - used,
                ["reset"] = reset.ToUnixTimeSeconds(),
                ["resource"] = "core",
            };
            return ApiResult.Ok(new JsonObject { ["resources"] = new JsonObject { ["core"] = Core() }, ["rate"] = Core() });
        });
    }
}
