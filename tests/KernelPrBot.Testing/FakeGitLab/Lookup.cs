namespace KernelPrBot.Testing.FakeGitLab;

/// <summary>Resolves the route's project and merge request (404s worded as GitLab's) and runs the handler under the project lock.</summary>
internal static class Lookup
{
    public static GitLabResult WithProject(GitLabState state, GitLabRequest request, Func<FakeProject, GitLabResult> handler)
    {
        var project = state.Find(request.Value("id"));
        if (project is null)
        {
            return GitLabResult.NotFound("Project");
        }

        lock (project.Sync)
        {
            return handler(project);
        }
    }

    public static GitLabResult WithMergeRequest(GitLabState state, GitLabRequest request, Func<FakeProject, FakeMergeRequest, GitLabResult> handler) =>
        WithProject(state, request, project =>
        {
            var iid = request.RouteLong("merge_request_iid");
            return project.MergeRequests.TryGetValue((int)Math.Clamp(iid, -1, int.MaxValue), out var mr)
                ? handler(project, mr)
                : GitLabResult.NotFound("Merge Request");
        });
}
