using System.Text;
using KernelPrBot.Testing.FakeGitHub;
using Xunit;

namespace KernelPrBot.Testing.Tests.FakeGitHub;

public class PullRequestEndpointTests
{
    [Fact]
    public async Task Pull_request_has_GitHub_shape_and_SHAs()
    {
        await using var s = await Scenario.StartAsync();
        var (status, pr, _) = await s.GetAsync($"{Scenario.Prefix}/pulls/1");
        Assert.Equal(200, status);
        Assert.Equal(1, (int)pr!["number"]!);
        Assert.Equal("open", (string?)pr["state"]);
        Assert.Equal("contributor", (string?)pr["user"]!["login"]);
        Assert.Equal(s.Pr.HeadSha, (string?)pr["head"]!["sha"]);
        Assert.Equal(s.Pr.BaseSha, (string?)pr["base"]!["sha"]);
        Assert.Equal("torvalds/linux", (string?)pr["head"]!["repo"]!["full_name"]);
        Assert.Matches("^[0-9a-f]{40}$", s.Pr.HeadSha);
        Assert.Equal(2, (int)pr["commits"]!);
        Assert.Equal(2, (int)pr["changed_files"]!);
    }

    [Fact]
    public async Task Files_and_commits_list_the_diff()
    {
        await using var s = await Scenario.StartAsync();
        var (_, files, _) = await s.GetAsync($"{Scenario.Prefix}/pulls/1/files");
        Assert.Equal(["drivers/bar.c", "drivers/foo.c"], files!.AsArray().Select(f => (string)f!["filename"]!).ToArray());
        Assert.Equal("added", (string?)files[0]!["status"]);
        Assert.Equal("modified", (string?)files[1]!["status"]);
        Assert.Equal(1, (int)files[1]!["additions"]!);
        Assert.Equal(2, (int)files[1]!["changes"]!);
        Assert.StartsWith("@@ -7,7 +7,7 @@", (string?)files[1]!["patch"], StringComparison.Ordinal);

        var (_, commits, _) = await s.GetAsync($"{Scenario.Prefix}/pulls/1/commits");
        Assert.Equal(s.Pr.CommitShas, commits!.AsArray().Select(c => (string)c!["sha"]!).ToList());
        Assert.Equal(s.Pr.BaseSha, (string?)commits[0]!["parents"]![0]!["sha"]);
        Assert.Equal("drivers: fix foo", (string?)commits[0]!["commit"]!["message"]);
        Assert.Equal("jane@example.org", (string?)commits[0]!["commit"]!["author"]!["email"]);
    }

    [Fact]
    public async Task Files_are_paged_with_absolute_Link_headers_and_capped_at_3000()
    {
        await using var server = await FakeGitHubServer.StartAsync();
        var repo = server.AddRepository("o", "r");
        var changes = Enumerable.Range(0, 3005).ToDictionary(i => $"f{i:D4}.c", i => (string?)"x\n");
        repo.OpenPullRequest(5, "many", "dev", new Dictionary<string, string>(), [new FakeCommit("m", "a", "a@b", changes)]);
        using var http = Scenario.Client(server, server.IssueInstallationToken());

        var first = await http.GetAsync("repos/o/r/pulls/5/files");
        Assert.Equal(30, (await first.Content.ReadAsStringAsync()).Split("\"filename\"").Length - 1);
        Assert.Equal($"<{server.BaseUrl}repos/o/r/pulls/5/files?page=2>; rel=\"next\", <{server.BaseUrl}repos/o/r/pulls/5/files?page=100>; rel=\"last\"",
            first.Headers.GetValues("Link").Single());

        var middle = await http.GetAsync("repos/o/r/pulls/5/files?per_page=500&page=2");
        Assert.Equal(100, System.Text.Json.Nodes.JsonNode.Parse(await middle.Content.ReadAsStringAsync())!.AsArray().Count);
        Assert.Equal(
            $"<{server.BaseUrl}repos/o/r/pulls/5/files?per_page=500&page=1>; rel=\"prev\", <{server.BaseUrl}repos/o/r/pulls/5/files?per_page=500&page=3>; rel=\"next\", " +
            $"<{server.BaseUrl}repos/o/r/pulls/5/files?per_page=500&page=30>; rel=\"last\", <{server.BaseUrl}repos/o/r/pulls/5/files?per_page=500&page=1>; rel=\"first\"",
            middle.Headers.GetValues("Link").Single());

        var last = await http.GetAsync("repos/o/r/pulls/5/files?per_page=100&page=30");
        Assert.DoesNotContain("rel=\"next\"", last.Headers.GetValues("Link").Single(), StringComparison.Ordinal);
        server.AssertNoViolations();
    }

    [Fact]
    public async Task Contents_at_any_PR_commit_raw_or_base64_also_for_forks()
    {
        await using var s = await Scenario.StartAsync();
        var fork = s.Repo.OpenPullRequest(2, "fork", "outsider", Scenario.BaseFiles(),
            [new FakeCommit("x", "O", "o@x", new Dictionary<string, string?> { ["README"] = "from a fork\n" })], "outsider/linux");

        using var raw = new HttpRequestMessage(HttpMethod.Get, $"{Scenario.Prefix}/contents/README?ref={fork.HeadSha}");
        raw.Headers.Accept.ParseAdd("application/vnd.github.v3.raw");
        var response = await s.Http.SendAsync(raw);
        Assert.Equal("from a fork\n", await response.Content.ReadAsStringAsync());

        var (status, json, _) = await s.GetAsync($"{Scenario.Prefix}/contents/drivers/foo.c?ref={s.Pr.BaseSha}");
        Assert.Equal(200, status);
        Assert.Equal("file", (string?)json!["type"]);
        Assert.Equal(Scenario.Lines(1, 20), Encoding.UTF8.GetString(Convert.FromBase64String(((string)json["content"]!).Replace("\n", ""))));

        Assert.Equal(404, (await s.GetAsync($"{Scenario.Prefix}/contents/drivers/bar.c?ref={s.Pr.BaseSha}")).Status);
        Assert.Equal(200, (await s.GetAsync($"{Scenario.Prefix}/contents/drivers/bar.c?ref={s.Pr.HeadSha}")).Status);
        s.Server.AssertNoViolations();
    }

    [Fact]
    public async Task Push_adds_a_commit_and_moves_the_head()
    {
        await using var s = await Scenario.StartAsync();
        var before = s.Pr.HeadSha;
        var head = s.Repo.Push(s.Pr, new FakeCommit("more", "Jane", "j@x", new Dictionary<string, string?> { ["README"] = null }));
        Assert.NotEqual(before, head);
        var (_, pr, _) = await s.GetAsync($"{Scenario.Prefix}/pulls/1");
        Assert.Equal(head, (string?)pr!["head"]!["sha"]);
        var (_, files, _) = await s.GetAsync($"{Scenario.Prefix}/pulls/1/files");
        Assert.Contains(files!.AsArray(), f => (string?)f!["filename"] == "README" && (string?)f["status"] == "removed");
    }
}
