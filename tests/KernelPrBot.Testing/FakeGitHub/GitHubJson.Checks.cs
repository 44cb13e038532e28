using System.Text.Json.Nodes;

namespace KernelPrBot.Testing.FakeGitHub;

/// <summary>Check runs and their annotations.</summary>
internal sealed partial class GitHubJson
{
    /// <summary>Call with the repository lock held. <c>pull_requests</c> lists open same-repository PRs at that head, none for forks, like GitHub.</summary>
    public JsonObject CheckRun(FakeRepository repo, FakeCheckRun run)
    {
        var url = $"{Api}repos/{repo.FullName}/check-runs/{run.Id}";
        var pulls = new JsonArray();
        foreach (var pr in repo.Pulls.Values.Where(p => p.Changes.HeadShaUnlocked == run.HeadSha && p.HeadRepositoryFullName == repo.FullName))
        {
            var repoRef = new JsonObject { ["id"] = repo.Id, ["url"] = $"{Api}repos/{repo.FullName}", ["name"] = repo.Name };
            pulls.Add(new JsonObject
            {
                ["url"] = $"{Api}repos/{repo.FullName}/pulls/{pr.Number}",
                ["id"] = pr.Id,
                ["number"] = pr.Number,
                ["head"] = new JsonObject { ["ref"] = pr.HeadRef, ["sha"] = pr.Changes.HeadShaUnlocked, ["repo"] = repoRef },
                ["base"] = new JsonObject { ["ref"] = pr.BaseRef, ["sha"] = pr.BaseSha, ["repo"] = repoRef.DeepClone() },
            });
        }

        return new JsonObject
        {
            ["id"] = run.Id,
            ["node_id"] = NodeId("CR_", run.Id),
            ["head_sha"] = run.HeadSha,
            ["external_id"] = run.ExternalId ?? "",
            ["url"] = url,
            ["html_url"] = $"{Web}{repo.FullName}/runs/{run.Id}",
            ["details_url"] = run.DetailsUrl ?? $"{Web}apps/{_options.AppSlug}",
            ["status"] = run.Status,
            ["conclusion"] = run.Conclusion,
            ["started_at"] = DateOrNull(run.StartedAt),
            ["completed_at"] = DateOrNull(run.CompletedAt),
            ["output"] = new JsonObject
            {
                ["title"] = run.Output?.Title,
                ["summary"] = run.Output?.Summary,
                ["text"] = run.Output?.Text,
                ["annotations_count"] = run.Annotations.Count,
                ["annotations_url"] = url + "/annotations",
            },
            ["name"] = run.Name,
            ["check_suite"] = new JsonObject { ["id"] = run.CheckSuiteId },
            ["app"] = App(),
            ["pull_requests"] = pulls,
        };
    }

    public static JsonObject Annotation(FakeRepository repo, FakeCheckRun run, FakeAnnotation a) => new()
    {
        ["path"] = a.Path,
        ["blob_href"] = $"{Web}{repo.FullName}/blob/{run.HeadSha}/{a.Path}",
        ["start_line"] = a.StartLine,
        ["end_line"] = a.EndLine,
        ["start_column"] = a.StartColumn,
        ["end_column"] = a.EndColumn,
        ["annotation_level"] = a.AnnotationLevel,
        ["title"] = a.Title,
        ["message"] = a.Message,
        ["raw_details"] = a.RawDetails,
    };
}
