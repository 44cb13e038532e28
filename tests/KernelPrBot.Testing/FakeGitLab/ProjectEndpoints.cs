namespace KernelPrBot.Testing.FakeGitLab;

/// <summary>The current user, projects and project members.</summary>
internal static class ProjectEndpoints
{
    public static void Map(GitLabRouter router, GitLabState state)
    {
        router.Map("GET", "/user", request => GitLabResult.Ok(state.Json.CurrentUser(request.User!)));

        router.Map("GET", "/projects/{id}", request => Lookup.WithProject(state, request, p => GitLabResult.Ok(GitLabJson.Project(p))));

        router.Map("GET", "/projects/{id}/members/all/{user_id}", request => Lookup.WithProject(state, request, p =>
        {
            var user = state.Users.ById(request.RouteLong("user_id"));
            var level = user is null ? null : p.AccessLevel(user.Username);
            return user is null || level is null ? GitLabResult.NotFound("Member") : GitLabResult.Ok(state.Json.Member(user, level.Value));
        }));

        router.Map("GET", "/projects/{id}/members/all", request => Lookup.WithProject(state, request, p =>
        {
            var query = request.Param("query");
            var ids = request.Param("user_ids")?.Split(',', StringSplitOptions.RemoveEmptyEntries);
            var members = new List<(GitLabUser User, int Level)>();
            foreach (var user in state.Users.All())
            {
                if (p.AccessLevel(user.Username) is { } level
                    && (query is null || user.Username.Contains(query, StringComparison.OrdinalIgnoreCase) || user.Name.Contains(query, StringComparison.OrdinalIgnoreCase))
                    && (ids is null || ids.Contains(ParamReader.Invariant(user.Id))))
                {
                    members.Add((user, level));
                }
            }

            return GitLabPaging.Page(request, state.ApiRoot, members, m => state.Json.Member(m.User, m.Level));
        }));
    }
}
