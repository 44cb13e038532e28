using KernelPrBot.Testing.FakeGitHub;
using KernelPrBot.Testing.FakeGitLab;
using Xunit;

namespace KernelPrBot.Testing.Tests.FakeGitLab;

public class MergeRequestEndpointTests
{
    [Fact]
    public async Task The_merge_request_is_found_by_numeric_id_and_by_encoded_path_with_diff_refs_of_the_latest_version()
    {
        await using var s = await GitLabScenario.StartAsync();
        var (status, byPath, _) = await s.GetAsync(GitLabScenario.Mr);
        Assert.Equal(200, status);
        var (_, byId, _) = await s.GetAsync($"projects/{s.Project.Id}/merge_requests/1");
        Assert.Equal(byPath!.ToJsonString(), byId!.ToJsonString());
        Assert.Equal(s.MergeRequest.HeadSha, (string?)byPath["sha"]);
        Assert.Equal(s.MergeRequest.HeadSha, (string?)byPath["diff_refs"]!["head_sha"]);
        Assert.Equal(s.MergeRequest.BaseSha, (string?)byPath["diff_refs"]!["base_sha"]);
        Assert.Equal("opened", (string?)byPath["state"]);
        Assert.Equal("jane", (string?)byPath["author"]!["username"]);
        Assert.Equal($"{s.Server.BaseUrl}acme/linux/-/merge_requests/1", (string?)byPath["web_url"]);
        Assert.Equal(404, (await s.GetAsync("projects/acme%2Fother/merge_requests/1")).Status);
        var (missing, json, _) = await s.GetAsync("projects/acme%2Flinux/merge_requests/9");
        Assert.Equal(404, missing);
        Assert.Equal("404 Merge Request Not Found", (string?)json!["message"]);
        s.Server.AssertNoViolations();
    }

    [Fact]
    public async Task A_push_adds_a_version_listed_first_and_the_diffs_follow_the_new_head()
    {
        await using var s = await GitLabScenario.StartAsync();
        var firstHead = s.MergeRequest.HeadSha;
        var newHead = s.Project.Push(s.MergeRequest, new FakeCommit("drivers: drop README", "Jane Dev", "jane@example.org",
            new Dictionary<string, string?> { ["README"] = null }));

        var (_, versions, _) = await s.GetAsync($"{GitLabScenario.Mr}/versions");
        Assert.Equal(2, versions!.AsArray().Count);
        Assert.Equal(newHead, (string?)versions[0]!["head_commit_sha"]);
        Assert.Equal(firstHead, (string?)versions[1]!["head_commit_sha"]);
        Assert.Equal(s.MergeRequest.BaseSha, (string?)versions[0]!["base_commit_sha"]);
        Assert.Equal(s.MergeRequest.BaseSha, (string?)versions[0]!["start_commit_sha"]);
        Assert.Equal("collected", (string?)versions[0]!["state"]);
        Assert.Equal("3", (string?)versions[0]!["real_size"]);
        Assert.Equal(s.MergeRequest.Id, (long)versions[0]!["merge_request_id"]!);

        var (_, diffs, _) = await s.GetAsync($"{GitLabScenario.Mr}/diffs");
        var byPath = diffs!.AsArray().ToDictionary(d => (string)d!["new_path"]!);
        Assert.Equal(["README", "drivers/bar.c", "drivers/foo.c"], byPath.Keys.Order(StringComparer.Ordinal));
        Assert.True((bool)byPath["README"]!["deleted_file"]!);
        Assert.Equal("0", (string?)byPath["README"]!["b_mode"]);
        Assert.True((bool)byPath["drivers/bar.c"]!["new_file"]!);
        Assert.Equal("0", (string?)byPath["drivers/bar.c"]!["a_mode"]);
        Assert.Equal("@@ -0,0 +1 @@\n+int bar;\n", (string?)byPath["drivers/bar.c"]!["diff"]);
        var foo = (string)byPath["drivers/foo.c"]!["diff"]!;
        Assert.StartsWith("@@ -7,7 +7,7 @@", foo, StringComparison.Ordinal);
        Assert.Contains("-line 10\n+line ten\n", foo, StringComparison.Ordinal);
        Assert.DoesNotContain("---", foo, StringComparison.Ordinal);

        var (_, mr, _) = await s.GetAsync(GitLabScenario.Mr);
        Assert.Equal(newHead, (string?)mr!["diff_refs"]!["head_sha"]);
        var system = Assert.Single(s.Project.Notes(1), n => n.System);
        Assert.StartsWith($"added 1 commit\n\n<ul><li>{newHead[..8]} - drivers: drop README", system.Body, StringComparison.Ordinal);
        s.Server.AssertNoViolations();
    }

    [Fact]
    public async Task Commits_come_newest_first_with_parents()
    {
        await using var s = await GitLabScenario.StartAsync();
        var (_, commits, _) = await s.GetAsync($"{GitLabScenario.Mr}/commits");
        var list = commits!.AsArray();
        Assert.Equal(2, list.Count);
        Assert.Equal(s.MergeRequest.CommitShas[1], (string?)list[0]!["id"]);
        Assert.Equal(s.MergeRequest.CommitShas[0], (string?)list[0]!["parent_ids"]![0]);
        Assert.Equal("drivers: add bar", (string?)list[0]!["title"]);
        Assert.Equal("jane@example.org", (string?)list[1]!["author_email"]);
        Assert.Equal(s.MergeRequest.BaseSha, (string?)list[1]!["parent_ids"]![0]);
        Assert.Equal(8, ((string)list[0]!["short_id"]!).Length);
    }

    [Fact]
    public async Task Too_large_and_collapsed_files_keep_their_flags_and_lose_the_diff()
    {
        await using var s = await GitLabScenario.StartAsync(new FakeGitLabOptions { TooLargeBytes = 100 });
        s.Project.MarkCollapsed("drivers/bar.c");
        var (_, diffs, _) = await s.GetAsync($"{GitLabScenario.Mr}/diffs");
        var byPath = diffs!.AsArray().ToDictionary(d => (string)d!["new_path"]!);
        Assert.True((bool)byPath["drivers/foo.c"]!["too_large"]!);
        Assert.False((bool)byPath["drivers/foo.c"]!["collapsed"]!);
        Assert.Equal("", (string?)byPath["drivers/foo.c"]!["diff"]);
        Assert.True((bool)byPath["drivers/bar.c"]!["collapsed"]!);
        Assert.Equal("", (string?)byPath["drivers/bar.c"]!["diff"]);
    }

    [Fact]
    public async Task Raw_files_are_served_at_a_ref_and_a_missing_file_is_GitLabs_404()
    {
        await using var s = await GitLabScenario.StartAsync();
        var head = s.MergeRequest.HeadSha;
        using var response = await s.Http.GetAsync($"projects/acme%2Flinux/repository/files/drivers%2Fbar.c/raw?ref={head}");
        Assert.Equal("int bar;\n", await response.Content.ReadAsStringAsync());
        var (_, _, atBase) = await s.GetAsync($"projects/{s.Project.Id}/repository/files/drivers%2Ffoo.c/raw?ref={s.MergeRequest.BaseSha}");
        Assert.Equal(GitLabScenario.Lines(1, 20), await atBase.Content.ReadAsStringAsync());
        var (status, json, _) = await s.GetAsync($"projects/acme%2Flinux/repository/files/drivers%2Fbar.c/raw?ref={s.MergeRequest.BaseSha}");
        Assert.Equal(404, status);
        Assert.Equal("404 File Not Found", (string?)json!["message"]);
        s.Server.AssertNoViolations();
    }

    [Fact]
    public async Task Pages_carry_GitLabs_headers_and_per_page_is_capped_at_100()
    {
        await using var s = await GitLabScenario.StartAsync();
        for (var i = 0; i < 5; i++)
        {
            s.Project.AddNote(1, "reviewer", $"note {i}");
        }

        var (_, page, response) = await s.GetAsync($"{GitLabScenario.Mr}/notes?sort=asc&per_page=2&page=2");
        Assert.Equal(["note 2", "note 3"], page!.AsArray().Select(n => (string)n!["body"]!));
        string H(string name) => response.Headers.GetValues(name).Single();
        Assert.Equal("2", H("X-Page"));
        Assert.Equal("2", H("X-Per-Page"));
        Assert.Equal("5", H("X-Total"));
        Assert.Equal("3", H("X-Total-Pages"));
        Assert.Equal("3", H("X-Next-Page"));
        Assert.Equal("1", H("X-Prev-Page"));
        var link = H("Link");
        Assert.Contains($"<{s.Server.ApiUrl}{GitLabScenario.Mr}/notes?sort=asc&page=3&per_page=2>; rel=\"next\"", link, StringComparison.Ordinal);
        Assert.Contains("page=1&per_page=2>; rel=\"prev\"", link, StringComparison.Ordinal);
        Assert.Contains("page=3&per_page=2>; rel=\"last\"", link, StringComparison.Ordinal);

        (_, _, response) = await s.GetAsync($"{GitLabScenario.Mr}/notes?page=3&per_page=2");
        Assert.Equal("", H("X-Next-Page"));
        (_, _, response) = await s.GetAsync($"{GitLabScenario.Mr}/notes?per_page=500");
        Assert.Equal("100", H("X-Per-Page"));
        (_, _, response) = await s.GetAsync($"{GitLabScenario.Mr}/notes");
        Assert.Equal("20", H("X-Per-Page"));
        s.Server.AssertNoViolations();
    }
}
