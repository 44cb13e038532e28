using Xunit;

namespace KernelPrBot.Testing.Tests.FakeGitLab;

public class StatusTests
{
    [Fact]
    public async Task A_status_moves_pending_running_success_and_a_finished_one_starts_a_new_job()
    {
        await using var s = await GitLabScenario.StartAsync();
        var sha = s.MergeRequest.HeadSha;
        var path = $"projects/acme%2Flinux/statuses/{sha}";
        var (status, json, _) = await s.PostAsync(path, new { state = "pending", name = "kpb/checkpatch", description = "queued" });
        Assert.Equal(201, status);
        Assert.Equal("pending", (string?)json!["status"]);
        Assert.Equal("mr-1", (string?)json["ref"]);
        Assert.Equal(201, (await s.PostAsync(path, new { state = "running", context = "kpb/checkpatch" })).Status);
        Assert.Equal(201, (await s.PostAsync(path, new { state = "success", name = "kpb/checkpatch", target_url = "https://kpb.example/r/1" })).Status);
        Assert.Equal(201, (await s.PostAsync(path, new { state = "success", name = "kpb/checkpatch" })).Status);
        Assert.Equal(201, (await s.PostAsync(path, new { state = "failed" })).Status);

        var statuses = s.Project.Statuses(sha);
        var check = statuses.Single(x => x.Name == "kpb/checkpatch");
        Assert.Equal(["pending", "running", "success", "success"], check.History);
        Assert.Equal("default", statuses.Single(x => x.Name != "kpb/checkpatch").Name);

        var (_, listed, _) = await s.GetAsync($"projects/{s.Project.Id}/repository/commits/{sha}/statuses");
        Assert.Equal(2, listed!.AsArray().Count);
        (_, listed, _) = await s.GetAsync($"projects/{s.Project.Id}/repository/commits/{sha}/statuses?all=true&name=kpb/checkpatch");
        Assert.Equal(2, listed!.AsArray().Count);
        s.Server.AssertNoViolations();
    }

    [Fact]
    public async Task Repeating_an_active_state_or_going_back_is_refused()
    {
        await using var s = await GitLabScenario.StartAsync();
        var path = $"projects/acme%2Flinux/statuses/{s.MergeRequest.HeadSha}";
        Assert.Equal(201, (await s.PostAsync(path, new { state = "running", name = "kpb" })).Status);
        var (status, json, _) = await s.PostAsync(path, new { state = "running", name = "kpb" });
        Assert.Equal(400, status);
        Assert.Equal("Cannot transition status via :run from :running", (string?)json!["message"]);
        Assert.Equal(400, (await s.PostAsync(path, new { state = "pending", name = "kpb" })).Status);
        Assert.Equal(2, s.Server.Violations.Count);
        Assert.Equal(["running"], s.Project.Statuses(s.MergeRequest.HeadSha).Single().History);
    }

    [Fact]
    public async Task State_is_required_and_must_be_one_of_GitLabs()
    {
        await using var s = await GitLabScenario.StartAsync();
        var path = $"projects/acme%2Flinux/statuses/{s.MergeRequest.HeadSha}";
        var (status, json, _) = await s.PostAsync(path, new { name = "kpb" });
        Assert.Equal(400, status);
        Assert.Equal("state is missing", (string?)json!["error"]);
        (status, json, _) = await s.PostAsync(path, new { state = "done" });
        Assert.Equal("state does not have a valid value", (string?)json!["error"]);
        Assert.Equal(2, s.Server.Violations.Count);
        Assert.Equal(404, (await s.PostAsync($"projects/acme%2Flinux/statuses/{new string('e', 40)}", new { state = "success" })).Status);
    }

    [Fact]
    public async Task Only_developers_may_post_statuses()
    {
        await using var s = await GitLabScenario.StartAsync();
        var (_, token) = s.Server.AddUser("guest");
        s.Project.SetAccessLevel("guest", 10);
        using var guest = GitLabScenario.Client(s.Server, token);
        Assert.Equal(403, (await s.PostAsync($"projects/acme%2Flinux/statuses/{s.MergeRequest.HeadSha}", new { state = "success" }, guest)).Status);
    }
}
