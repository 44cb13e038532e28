using System.Text.Json.Nodes;

namespace KernelPrBot.Testing.FakeGitHub;

/// <summary>Check runs: create, update (annotations append), list for a ref, annotations. Only Apps may write them.</summary>
internal static class CheckEndpoints
{
    public static void Map(Router router, ServerState state)
    {
        router.Map("POST", "/repos/{owner}/{repo}/check-runs", AuthMode.Token, request => Write(state, request, null));
        router.Map("PATCH", "/repos/{owner}/{repo}/check-runs/{check_run_id}", AuthMode.Token, request => Write(state, request, request.Long("check_run_id")));

        router.Map("GET", "/repos/{owner}/{repo}/check-runs/{check_run_id}", AuthMode.Token, request =>
            WithRun(state, request, (repo, run) => ApiResult.Ok(state.Json.CheckRun(repo, run))));

        router.Map("GET", "/repos/{owner}/{repo}/check-runs/{check_run_id}/annotations", AuthMode.Token, request =>
            WithRun(state, request, (repo, run) => Paging.Page(request, state.Json.Api, run.Annotations, a => GitHubJson.Annotation(repo, run, a))));

        router.Map("GET", "/repos/{owner}/{repo}/commits/{ref}/check-runs", AuthMode.Token, request =>
        {
            if (!state.TryRepository(request, out var repo, out var error))
            {
                return error;
            }

            lock (repo.Sync)
            {
                var reference = request.Value("ref");
                var sha = repo.Pulls.Values.FirstOrDefault(p => p.HeadRef == reference)?.Changes.HeadShaUnlocked ?? reference;
                if (!repo.Trees.ContainsKey(sha))
                {
                    return ApiResult.Message(422, $"No commit found for SHA: {reference}");
                }

                IEnumerable<FakeCheckRun> runs = repo.CheckRunList.Where(r => r.HeadSha == sha).OrderByDescending(r => r.Id);
                if (request.Query.TryGetValue("check_name", out var name))
                {
                    runs = runs.Where(r => r.Name == name);
                }

                if (request.Query.TryGetValue("status", out var status))
                {
                    runs = runs.Where(r => r.Status == status);
                }

                // filter=latest (the default) keeps the newest run of each name.
                if (request.Query.GetValueOrDefault("filter", "latest") == "latest")
                {
                    runs = runs.GroupBy(r => r.Name).Select(g => g.First()).OrderByDescending(r => r.Id);
                }

                var all = runs.ToList();
                var (page, link) = Paging.Slice(request, state.Json.Api, all);
                var result = ApiResult.Ok(new JsonObject
                {
                    ["total_count"] = all.Count,
                    ["check_runs"] = new JsonArray(page.Select(r => (JsonNode)state.Json.CheckRun(repo, r)).ToArray()),
                });
                if (link is not null)
                {
                    result.Headers["Link"] = link;
                }

                return result;
            }
        });
    }

    private static ApiResult Write(ServerState state, ApiRequest request, long? id)
    {
        if (!state.TryRepository(request, out var repo, out var error))
        {
            return error;
        }

        if (request.Caller.Kind != CallerKind.Installation)
        {
            return ApiResult.Message(403, "You must authenticate via a GitHub App.", "https://docs.github.com/rest/checks/runs#create-a-check-run");
        }

        lock (repo.Sync)
        {
            FakeCheckRun run;
            var index = -1;
            if (id is null)
            {
                var name = request.String("name");
                var sha = request.String("head_sha");
                if (string.IsNullOrEmpty(name) || string.IsNullOrEmpty(sha))
                {
                    return ApiResult.Message(422, "Invalid request.\n\n\"name\", \"head_sha\" weren't supplied.");
                }

                if (!repo.Trees.ContainsKey(sha))
                {
                    return ApiResult.Message(422, $"No commit found for SHA: {sha}");
                }

                run = new FakeCheckRun(repo.Ids.Next(), name, sha, "queued", null, null, null, null, [], [], repo.Now, null, repo.Now,
                    GitObjects.StableId("suite:" + sha));
            }
            else
            {
                index = repo.CheckRunList.FindIndex(r => r.Id == id);
                if (index < 0)
                {
                    return ApiResult.NotFound();
                }

                run = repo.CheckRunList[index];
            }

            var updated = CheckRunInput.Apply(request.Json, run, repo.Now, out var problem);
            if (updated is null)
            {
                return ApiResult.Message(422, problem!);
            }

            if (index < 0)
            {
                repo.CheckRunList.Add(updated);
                return ApiResult.Created(state.Json.CheckRun(repo, updated));
            }

            repo.CheckRunList[index] = updated;
            return ApiResult.Ok(state.Json.CheckRun(repo, updated));
        }
    }

    private static ApiResult WithRun(ServerState state, ApiRequest request, Func<FakeRepository, FakeCheckRun, ApiResult> action)
    {
        if (!state.TryRepository(request, out var repo, out var error))
        {
            return error;
        }

        lock (repo.Sync)
        {
            var run = repo.CheckRunList.FirstOrDefault(r => r.Id == request.Long("check_run_id"));
            return run is null ? ApiResult.NotFound() : action(repo, run);
        }
    }
}
