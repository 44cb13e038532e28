using System.Text;

namespace KernelPrBot.Testing.FakeGitLab;

/// <summary>Raw file contents at a ref.</summary>
internal static class RepositoryEndpoints
{
    public static void Map(GitLabRouter router, GitLabState state)
    {
        router.Map("GET", "/projects/{id}/repository/files/{file_path}/raw", request => Lookup.WithProject(state, request, p =>
        {
            var tree = TreeOf(p, request.Param("ref"));
            if (tree is null || !tree.TryGetValue(request.Value("file_path"), out var content))
            {
                return GitLabResult.NotFound("File");
            }

            var result = new GitLabResult(200, null, Encoding.UTF8.GetBytes(content), "text/plain; charset=utf-8");
            result.Headers["X-Gitlab-File-Path"] = request.Value("file_path");
            return result;
        }));
    }

    /// <summary>A ref is a commit SHA, an MR source branch (<c>mr-{iid}</c>) or the target branch (the latest MR's base). Call with the lock held.</summary>
    internal static IReadOnlyDictionary<string, string>? TreeOf(FakeProject p, string? gitRef)
    {
        if (gitRef is not null && p.Trees.TryGetValue(gitRef, out var tree))
        {
            return tree;
        }

        var branchOf = p.MergeRequests.Values.FirstOrDefault(mr => mr.SourceBranch == gitRef);
        if (branchOf is not null)
        {
            return p.Trees[branchOf.Changes.HeadShaUnlocked];
        }

        if (gitRef is null || gitRef == p.DefaultBranch)
        {
            var latest = p.MergeRequests.Values.MaxBy(mr => mr.Id);
            return latest is null ? null : p.Trees[latest.BaseSha];
        }

        return null;
    }
}
