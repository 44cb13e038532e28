using KernelPrBot.Testing.FakeGitLab;
using Xunit;

namespace KernelPrBot.Testing.Tests.FakeGitLab;

// The MR's drivers/foo.c hunk: old/new 7-9 unchanged, old 10 removed, new 10 added, old/new 11-13 unchanged.
public class DiscussionTests
{
    private const string Path = "drivers/foo.c";

    [Fact]
    public async Task An_added_line_takes_new_line_only()
    {
        await using var s = await GitLabScenario.StartAsync();
        var (status, json, _) = await s.PostAsync($"{GitLabScenario.Mr}/discussions", s.Position(Path, null, 10, "why ten?"));
        Assert.Equal(201, status);
        var id = (string)json!["id"]!;
        Assert.Matches("^[0-9a-f]{40}$", id);
        Assert.False((bool)json["individual_note"]!);
        var note = json["notes"]![0]!;
        Assert.Equal("DiffNote", (string?)note["type"]);
        Assert.Equal(10, (int)note["position"]!["new_line"]!);
        Assert.Null(note["position"]!["old_line"]);
        Assert.True((bool)note["resolvable"]!);
        Assert.False((bool)note["resolved"]!);

        var stored = Assert.Single(s.Project.Discussions(1));
        Assert.Equal(id, stored.Id);
        var position = stored.Notes[0].Position!;
        Assert.Equal((Path, (int?)null, (int?)10, s.MergeRequest.HeadSha), (position.NewPath, position.OldLine, position.NewLine, position.HeadSha));
        Assert.Equal("kpb-bot", stored.Notes[0].Author);
        s.Server.AssertNoViolations();
    }

    [Fact]
    public async Task An_unchanged_line_needs_both_lines()
    {
        await using var s = await GitLabScenario.StartAsync();
        Assert.Equal(201, (await s.PostAsync($"{GitLabScenario.Mr}/discussions", s.Position(Path, 12, 12))).Status);
        s.Server.AssertNoViolations();

        var (status, json, _) = await s.PostAsync($"{GitLabScenario.Mr}/discussions", s.Position(Path, null, 12));
        Assert.Equal(400, status);
        Assert.Contains("line_code", (string?)json!["message"], StringComparison.Ordinal);
        Assert.Contains("send both", Assert.Single(s.Server.Violations), StringComparison.Ordinal);
        Assert.Single(s.Project.Discussions(1));
    }

    [Fact]
    public async Task A_removed_line_takes_old_line_only()
    {
        await using var s = await GitLabScenario.StartAsync();
        Assert.Equal(201, (await s.PostAsync($"{GitLabScenario.Mr}/discussions", s.Position(Path, 10, null))).Status);
        s.Server.AssertNoViolations();
        Assert.Equal(400, (await s.PostAsync($"{GitLabScenario.Mr}/discussions", s.Position(Path, 10, 10))).Status);
        Assert.Equal(400, (await s.PostAsync($"{GitLabScenario.Mr}/discussions", s.Position(Path, null, 2))).Status); // outside any hunk
        Assert.Equal(2, s.Server.Violations.Count);
    }

    [Fact]
    public async Task Form_encoded_positions_work_like_JSON_ones()
    {
        await using var s = await GitLabScenario.StartAsync();
        var v = s.MergeRequest.Versions[0];
        var form = new Dictionary<string, string>
        {
            ["body"] = "form",
            ["position[position_type]"] = "text",
            ["position[base_sha]"] = v.BaseCommitSha,
            ["position[start_sha]"] = v.StartCommitSha,
            ["position[head_sha]"] = v.HeadCommitSha,
            ["position[old_path]"] = "drivers/bar.c",
            ["position[new_path]"] = "drivers/bar.c",
            ["position[new_line]"] = "1",
        };
        Assert.Equal(201, (await s.PostAsync($"{GitLabScenario.Mr}/discussions", form)).Status);
        s.Server.AssertNoViolations();
    }

    [Fact]
    public async Task SHAs_of_an_older_version_are_refused_without_a_violation()
    {
        await using var s = await GitLabScenario.StartAsync();
        var stale = s.Position(Path, null, 10);
        s.Project.Push(s.MergeRequest, new KernelPrBot.Testing.FakeGitHub.FakeCommit("more", "Jane Dev", "jane@example.org",
            new Dictionary<string, string?> { ["drivers/baz.c"] = "int baz;\n" }));
        var (status, json, _) = await s.PostAsync($"{GitLabScenario.Mr}/discussions", stale);
        Assert.Equal(400, status);
        Assert.Contains("line_code=>[\"can't be blank\"", (string?)json!["message"], StringComparison.Ordinal);
        Assert.Empty(s.Server.Violations); // a push racing the review is not the bot's fault
        Assert.Equal(201, (await s.PostAsync($"{GitLabScenario.Mr}/discussions", s.Position(Path, null, 10))).Status);
    }

    [Fact]
    public async Task A_position_missing_a_SHA_is_a_Grape_error_and_a_violation()
    {
        await using var s = await GitLabScenario.StartAsync();
        var (status, json, _) = await s.PostAsync($"{GitLabScenario.Mr}/discussions",
            new { body = "x", position = new { position_type = "text", base_sha = "a", head_sha = "b", new_path = Path, old_path = Path, new_line = 10 } });
        Assert.Equal(400, status);
        Assert.Equal("position[start_sha] is missing", (string?)json!["error"]);
        Assert.Equal($"POST /{GitLabScenario.Mr}/discussions: position[start_sha] is missing", Assert.Single(s.Server.Violations));
    }

    [Fact]
    public async Task Discussions_resolve_and_only_the_author_edits_a_note()
    {
        await using var s = await GitLabScenario.StartAsync();
        var (_, json, _) = await s.PostAsync($"{GitLabScenario.Mr}/discussions", new { body = "general remark" });
        var id = (string)json!["id"]!;
        var noteId = (long)json["notes"]![0]!["id"]!;
        Assert.Equal("DiscussionNote", (string?)json["notes"]![0]!["type"]);

        var (status, resolved, _) = await s.PutAsync($"{GitLabScenario.Mr}/discussions/{id}?resolved=true", new { });
        Assert.Equal(200, status);
        Assert.True((bool)resolved!["notes"]![0]!["resolved"]!);
        Assert.True(s.Project.Discussions(1).Single().Resolved);

        Assert.Equal(200, (await s.PutAsync($"{GitLabScenario.Mr}/discussions/{id}/notes/{noteId}", new { body = "edited" })).Status);
        Assert.Equal("edited", s.Project.Notes(1).Single().Body);

        var (_, token) = s.Server.AddUser("mallory");
        using var other = GitLabScenario.Client(s.Server, token);
        Assert.Equal(403, (await s.PutAsync($"{GitLabScenario.Mr}/discussions/{id}/notes/{noteId}", new { body = "hijack" }, other)).Status);
        Assert.Equal(404, (await s.PutAsync($"{GitLabScenario.Mr}/discussions/{new string('0', 40)}?resolved=false", new { })).Status);
        s.Server.AssertNoViolations();
    }
}
