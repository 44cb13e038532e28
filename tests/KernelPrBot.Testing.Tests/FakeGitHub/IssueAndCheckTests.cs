using System.Net;
using KernelPrBot.Testing.FakeGitHub;
using Xunit;

namespace KernelPrBot.Testing.Tests.FakeGitHub;

public class IssueAndCheckTests
{
    [Fact]
    public async Task Issue_comments_are_limited_in_length_and_editable_by_their_author_only()
    {
        await using var s = await Scenario.StartAsync();
        var (status, comment, response) = await s.PostAsync($"{Scenario.Prefix}/issues/1/comments", new { body = "<!-- kernel-pr-bot --> hi" });
        Assert.Equal(201, status);
        Assert.NotNull(response.Headers.Location);
        var id = (long)comment!["id"]!;

        var (tooLong, error, _) = await s.PostAsync($"{Scenario.Prefix}/issues/1/comments", new { body = new string('x', 65537) });
        Assert.Equal(422, tooLong);
        Assert.Equal("Body is too long (maximum is 65536 characters)", (string?)error!["errors"]![0]!["message"]);
        Assert.Equal(201, (await s.PostAsync($"{Scenario.Prefix}/issues/1/comments", new { body = new string('x', 65536) })).Status);

        Assert.Equal(200, (await s.SendAsync(HttpMethod.Patch, $"{Scenario.Prefix}/issues/comments/{id}", new { body = "edited" })).Status);
        var human = s.Repo.AddIssueComment(1, "maintainer", "/kpb recheck");
        Assert.Equal(403, (await s.SendAsync(HttpMethod.Patch, $"{Scenario.Prefix}/issues/comments/{human}", new { body = "mine now" })).Status);
        Assert.Equal(["edited", new string('x', 65536), "/kpb recheck"], s.Repo.IssueComments(1).Select(c => c.Body).ToArray());

        var (_, list, _) = await s.GetAsync($"{Scenario.Prefix}/issues/1/comments");
        Assert.Equal(3, list!.AsArray().Count);
        Assert.Equal("maintainer", (string?)list[2]!["user"]!["login"]);
        s.Server.AssertNoViolations();
    }

    [Fact]
    public async Task Labels_with_spaces_and_colons_are_added_and_removed()
    {
        await using var s = await Scenario.StartAsync();
        var (status, labels, _) = await s.PostAsync($"{Scenario.Prefix}/issues/1/labels", new { labels = new[] { "kpb: atomic", "kpb: style" } });
        Assert.Equal(200, status);
        Assert.Equal(2, labels!.AsArray().Count);
        Assert.Equal(200, (await s.PostAsync($"{Scenario.Prefix}/issues/1/labels", new[] { "kpb: rcu" })).Status); // Octokit's bare array

        var (removed, rest, _) = await s.SendAsync(HttpMethod.Delete, $"{Scenario.Prefix}/issues/1/labels/{Uri.EscapeDataString("kpb: atomic")}");
        Assert.Equal(200, removed);
        Assert.Equal(["kpb: style", "kpb: rcu"], rest!.AsArray().Select(l => (string)l!["name"]!).ToArray());
        var (missing, error, _) = await s.SendAsync(HttpMethod.Delete, $"{Scenario.Prefix}/issues/1/labels/{Uri.EscapeDataString("kpb: atomic")}");
        Assert.Equal(404, missing);
        Assert.Equal("Label does not exist", (string?)error!["message"]);
        Assert.Equal(["kpb: style", "kpb: rcu"], s.Repo.Labels(1));
        s.Server.AssertNoViolations();
    }

    [Fact]
    public async Task Reactions_answer_201_then_200_and_permissions_map_like_GitHub()
    {
        await using var s = await Scenario.StartAsync();
        var human = s.Repo.AddIssueComment(1, "maintainer", "/kpb recheck");
        Assert.Equal(201, (await s.PostAsync($"{Scenario.Prefix}/issues/comments/{human}/reactions", new { content = "eyes" })).Status);
        Assert.Equal(200, (await s.PostAsync($"{Scenario.Prefix}/issues/comments/{human}/reactions", new { content = "eyes" })).Status);
        Assert.Single(s.Repo.Reactions(human));

        s.Repo.SetPermission("maintainer", "maintain");
        var (_, permission, _) = await s.GetAsync($"{Scenario.Prefix}/collaborators/maintainer/permission");
        Assert.Equal("write", (string?)permission!["permission"]);
        Assert.Equal("maintain", (string?)permission["role_name"]);
        (_, permission, _) = await s.GetAsync($"{Scenario.Prefix}/collaborators/drive-by/permission");
        Assert.Equal("read", (string?)permission!["permission"]);
        s.Server.AssertNoViolations();
    }

    [Fact]
    public async Task Check_runs_complete_append_annotations_and_list_newest_first()
    {
        await using var s = await Scenario.StartAsync();
        var annotation = new { path = "drivers/foo.c", start_line = 10, end_line = 10, annotation_level = "warning", message = "m" };
        var (status, run, _) = await s.PostAsync($"{Scenario.Prefix}/check-runs", new
        {
            name = "kernel-pr-bot",
            head_sha = s.Pr.HeadSha,
            external_id = "job-1",
            status = "in_progress",
            output = new { title = "t", summary = "s", annotations = Enumerable.Repeat(annotation, 50).ToArray() },
            actions = new[] { new { label = "Re-run", description = "Run the checks again", identifier = "rerun" } },
        });
        Assert.Equal(201, status);
        var id = (long)run!["id"]!;
        Assert.Equal("in_progress", (string?)run["status"]);
        Assert.Equal(4242, (long)run["app"]!["id"]!);
        Assert.Equal(1, (int)run["pull_requests"]!.AsArray().Count);

        var (patched, updated, _) = await s.SendAsync(HttpMethod.Patch, $"{Scenario.Prefix}/check-runs/{id}", new
        {
            conclusion = "neutral",
            output = new { title = "t", summary = "done", annotations = new[] { annotation } },
        });
        Assert.Equal(200, patched);
        Assert.Equal("completed", (string?)updated!["status"]);
        Assert.Equal(51, (int)updated["output"]!["annotations_count"]!);

        Assert.Equal(201, (await s.PostAsync($"{Scenario.Prefix}/check-runs", new { name = "other", head_sha = s.Pr.HeadSha })).Status);
        var (_, listed, _) = await s.GetAsync($"{Scenario.Prefix}/commits/{s.Pr.HeadSha}/check-runs");
        Assert.Equal(2, (int)listed!["total_count"]!);
        Assert.Equal("other", (string?)listed["check_runs"]![0]!["name"]);
        (_, listed, _) = await s.GetAsync($"{Scenario.Prefix}/commits/{s.Pr.HeadSha}/check-runs?check_name=kernel-pr-bot&status=completed");
        Assert.Equal("job-1", (string?)listed!["check_runs"]![0]!["external_id"]);

        var page = await s.Http.GetAsync($"{Scenario.Prefix}/check-runs/{id}/annotations?per_page=50&page=2");
        Assert.Contains("rel=\"prev\"", page.Headers.GetValues("Link").Single(), StringComparison.Ordinal);
        var stored = s.Repo.CheckRuns().Single(r => r.Id == id);
        Assert.Equal(51, stored.Annotations.Count);
        Assert.Equal("rerun", stored.Actions.Single().Identifier);
        s.Server.AssertNoViolations();
    }

    [Fact]
    public async Task Check_run_limits_and_App_only_writes()
    {
        await using var s = await Scenario.StartAsync(new FakeGitHubOptions { PersonalToken = "ghp_p" });
        var annotation = new { path = "a", start_line = 1, end_line = 1, annotation_level = "notice", message = "m" };
        var (status, _, _) = await s.PostAsync($"{Scenario.Prefix}/check-runs", new
        {
            name = "n",
            head_sha = s.Pr.HeadSha,
            output = new { title = "t", summary = "s", annotations = Enumerable.Repeat(annotation, 51).ToArray() },
        });
        Assert.Equal(422, status);
        Assert.Equal(422, (await s.PostAsync($"{Scenario.Prefix}/check-runs", new { name = "n", head_sha = s.Pr.HeadSha, output = new { title = "t", summary = new string('s', 65536) } })).Status);
        Assert.Equal(422, (await s.PostAsync($"{Scenario.Prefix}/check-runs", new { name = "n" })).Status);
        Assert.Contains("POST /repos/torvalds/linux/check-runs: head_sha: required property is missing", s.Server.Violations);

        using var pat = Scenario.Client(s.Server, "ghp_p");
        var (forbidden, error, _) = await s.PostAsync($"{Scenario.Prefix}/check-runs", new { name = "n", head_sha = s.Pr.HeadSha }, pat);
        Assert.Equal(403, forbidden);
        Assert.Equal("You must authenticate via a GitHub App.", (string?)error!["message"]);
        Assert.Empty(s.Repo.CheckRuns());
    }

    [Fact]
    public async Task Commit_statuses_are_stored()
    {
        await using var s = await Scenario.StartAsync();
        var (status, json, _) = await s.PostAsync($"{Scenario.Prefix}/statuses/{s.Pr.HeadSha}", new { state = "success", context = "kernel-pr-bot", description = "ok" });
        Assert.Equal(201, status);
        Assert.Equal("success", (string?)json!["state"]);
        Assert.Equal("kernel-pr-bot", s.Repo.CommitStatuses(s.Pr.HeadSha).Single().Context);
        Assert.Equal(422, (await s.PostAsync($"{Scenario.Prefix}/statuses/{s.Pr.HeadSha}", new { state = "green" })).Status);
    }

    [Fact]
    public async Task Unknown_endpoints_are_404_violations()
    {
        await using var s = await Scenario.StartAsync();
        var (status, json, _) = await s.GetAsync($"{Scenario.Prefix}/pulls/1/whatever");
        Assert.Equal(404, status);
        Assert.Equal("Not Found", (string?)json!["message"]);
        Assert.Equal(HttpStatusCode.NotFound, (await s.Http.PostAsync($"{Scenario.Prefix}/pulls/1/merge", null)).StatusCode);
        Assert.Equal(2, s.Server.Violations.Count);
        Assert.EndsWith("/pulls/1/merge: GitHub has this path but not for this method", s.Server.Violations[1], StringComparison.Ordinal);
    }
}
