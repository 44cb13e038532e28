using System.Globalization;

namespace KernelPrBot.Testing.FakeGitLab;

/// <summary>External commit statuses (shown as external pipeline jobs on the MR).</summary>
internal static class StatusEndpoints
{
    public static void Map(GitLabRouter router, GitLabState state)
    {
        router.Map("GET", "/projects/{id}/repository/commits/{sha}/statuses", request => Lookup.WithProject(state, request, p =>
        {
            var sha = request.Value("sha");
            IEnumerable<StatusJob> jobs = p.StatusJobs.Where(j => j.Sha == sha);
            if (request.Param("name") is { } name)
            {
                jobs = jobs.Where(j => j.Name == name);
            }

            if (request.Param("ref") is { } gitRef)
            {
                jobs = jobs.Where(j => j.Ref == gitRef);
            }

            if (request.Bool("all") is not true)
            {
                jobs = jobs.GroupBy(j => j.Name, StringComparer.Ordinal).Select(g => g.Last());
            }

            var list = jobs.OrderBy(j => j.Id).ToList();
            if (request.Param("sort") == "desc")
            {
                list.Reverse();
            }

            return GitLabPaging.Page(request, state.ApiRoot, list, j => state.Json.Status(p, j));
        }));

        router.Map("POST", "/projects/{id}/statuses/{sha}", request => Lookup.WithProject(state, request, p =>
        {
            if (p.AccessLevel(request.User!.Username) is not >= 30)
            {
                return GitLabResult.Forbidden();
            }

            var sha = request.Value("sha");
            if (!p.MergeRequests.Values.Any(mr => mr.Changes.Commits.Any(c => c.Sha == sha) || mr.BaseSha == sha))
            {
                return GitLabResult.NotFound("Commit");
            }

            var name = request.Param("name") ?? request.Param("context") ?? "default";
            var to = request.Param("state")!;
            var job = p.StatusJobs.LastOrDefault(j => j.Sha == sha && j.Name == name && j.IsActive);
            if (job is not null && StatusTransitions.Check(job.State, to) is { } refused)
            {
                state.AddViolation(request, $"status '{name}' is {job.State}: {refused}");
                return GitLabResult.Message(400, refused);
            }

            var now = p.Now;
            job ??= NewJob(p, request, sha, name, to);
            job.State = to;
            job.History.Add(to);
            job.Description = request.Param("description") ?? job.Description;
            job.TargetUrl = request.Param("target_url") ?? job.TargetUrl;
            if (request.Param("coverage") is { } coverage)
            {
                job.Coverage = double.Parse(coverage, CultureInfo.InvariantCulture);
            }

            if (to == "running")
            {
                job.StartedAt ??= now;
            }
            else if (to is "success" or "failed" or "canceled")
            {
                job.StartedAt ??= now;
                job.FinishedAt = now;
            }

            return GitLabResult.Created(state.Json.Status(p, job));
        }));
    }

    private static StatusJob NewJob(FakeProject p, GitLabRequest request, string sha, string name, string to)
    {
        var job = new StatusJob
        {
            Id = p.Ids.Next(),
            Sha = sha,
            Name = name,
            State = to,
            Ref = request.Param("ref") ?? p.MergeRequests.Values.FirstOrDefault(mr => mr.Changes.Commits.Any(c => c.Sha == sha))?.SourceBranch ?? p.DefaultBranch,
            Author = request.User!.Username,
            CreatedAt = p.Now,
        };
        p.StatusJobs.Add(job);
        return job;
    }
}
