namespace KernelPrBot.Testing.FakeGitLab;

/// <summary>The merge request, its label update, commits, diffs and versions.</summary>
internal static class MergeRequestEndpoints
{
    public static void Map(GitLabRouter router, GitLabState state)
    {
        router.Map("GET", "/projects/{id}/merge_requests/{merge_request_iid}", request =>
            Lookup.WithMergeRequest(state, request, (p, mr) => GitLabResult.Ok(state.Json.MergeRequest(p, mr))));

        router.Map("PUT", "/projects/{id}/merge_requests/{merge_request_iid}", request =>
            Lookup.WithMergeRequest(state, request, (p, mr) =>
            {
                if (p.AccessLevel(request.User!.Username) is not >= 20 && !request.User.Username.Equals(mr.AuthorLogin, StringComparison.OrdinalIgnoreCase))
                {
                    return GitLabResult.Forbidden();
                }

                if (request.Param("labels") is { } replace)
                {
                    mr.Changes.LabelNames.Clear();
                    AddLabels(mr, replace);
                }

                AddLabels(mr, request.Param("add_labels"));
                foreach (var label in Split(request.Param("remove_labels")))
                {
                    mr.Changes.LabelNames.RemoveAll(l => l.Equals(label, StringComparison.OrdinalIgnoreCase));
                }

                switch (request.Param("state_event"))
                {
                    case "close" when mr.Changes.StateUnlocked == "opened":
                        mr.Changes.StateUnlocked = "closed";
                        break;
                    case "reopen" when mr.Changes.StateUnlocked == "closed":
                        mr.Changes.StateUnlocked = "opened";
                        break;
                }

                mr.UpdatedAt = p.Now;
                return GitLabResult.Ok(state.Json.MergeRequest(p, mr));
            }));

        // GitLab lists MR commits newest first.
        router.Map("GET", "/projects/{id}/merge_requests/{merge_request_iid}/commits", request =>
            Lookup.WithMergeRequest(state, request, (p, mr) =>
                GitLabPaging.Page(request, state.ApiRoot, mr.Changes.Commits.Reverse().ToList(), c => GitLabJson.Commit(p, c))));

        router.Map("GET", "/projects/{id}/merge_requests/{merge_request_iid}/diffs", request =>
            Lookup.WithMergeRequest(state, request, (p, mr) =>
            {
                var unidiff = request.Bool("unidiff") ?? false;
                return GitLabPaging.Page(request, state.ApiRoot, p.FilesOf(mr), f => state.Json.Diff(p, f, unidiff));
            }));

        router.Map("GET", "/projects/{id}/merge_requests/{merge_request_iid}/versions", request =>
            Lookup.WithMergeRequest(state, request, (p, mr) =>
                GitLabPaging.Page(request, state.ApiRoot, mr.VersionsOldestFirst.Reverse().ToList(), v => GitLabJson.Version(mr, v))));
    }

    private static void AddLabels(FakeMergeRequest mr, string? labels)
    {
        foreach (var label in Split(labels))
        {
            if (!mr.Changes.LabelNames.Contains(label, StringComparer.OrdinalIgnoreCase))
            {
                mr.Changes.LabelNames.Add(label);
            }
        }
    }

    private static IEnumerable<string> Split(string? labels) =>
        (labels ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
