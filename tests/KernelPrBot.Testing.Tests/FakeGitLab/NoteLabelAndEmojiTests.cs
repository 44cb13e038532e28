using Xunit;

namespace KernelPrBot.Testing.Tests.FakeGitLab;

public class NoteLabelAndEmojiTests
{
    [Fact]
    public async Task Notes_are_posted_edited_by_their_author_and_capped_at_a_million_characters()
    {
        await using var s = await GitLabScenario.StartAsync();
        var (status, json, _) = await s.PostAsync($"{GitLabScenario.Mr}/notes", new { body = "<!-- kpb -->\nsummary" });
        Assert.Equal(201, status);
        var id = (long)json!["id"]!;
        Assert.False((bool)json["system"]!);
        Assert.Equal("kpb-bot", (string?)json["author"]!["username"]);
        Assert.Equal(200, (await s.PutAsync($"{GitLabScenario.Mr}/notes/{id}", new { body = "<!-- kpb -->\nv2" })).Status);
        var note = Assert.Single(s.Project.Notes(1));
        Assert.Equal(("<!-- kpb -->\nv2", false, "kpb-bot"), (note.Body, note.System, note.Author));

        var human = s.Project.AddNote(1, "jane", "thanks");
        Assert.Equal(403, (await s.PutAsync($"{GitLabScenario.Mr}/notes/{human}", new { body = "edited" })).Status);
        s.Server.AssertNoViolations();

        Assert.Equal(201, (await s.PostAsync($"{GitLabScenario.Mr}/notes", new { body = new string('x', 1_000_000) })).Status);
        (status, json, _) = await s.PostAsync($"{GitLabScenario.Mr}/notes", new { body = new string('x', 1_000_001) });
        Assert.Equal(400, status);
        Assert.Contains("is too long (maximum is 1000000 characters)", (string?)json!["message"], StringComparison.Ordinal);
        Assert.Single(s.Server.Violations);
    }

    [Fact]
    public async Task Notes_list_newest_first_by_default_and_include_system_notes()
    {
        await using var s = await GitLabScenario.StartAsync();
        s.Project.AddNote(1, "jane", "first");
        s.Project.Push(s.MergeRequest, new KernelPrBot.Testing.FakeGitHub.FakeCommit("x", "J", "j@example.org", new Dictionary<string, string?> { ["a"] = "a\n" }));
        s.Project.AddNote(1, "jane", "last");
        var (_, json, _) = await s.GetAsync($"{GitLabScenario.Mr}/notes");
        var notes = json!.AsArray();
        Assert.Equal("last", (string?)notes[0]!["body"]);
        Assert.True((bool)notes[1]!["system"]!);
        (_, json, _) = await s.GetAsync($"{GitLabScenario.Mr}/notes?sort=asc&order_by=updated_at&activity_filter=only_comments");
        Assert.Equal(["first", "last"], json!.AsArray().Select(n => (string)n!["body"]!));
        s.Server.AssertNoViolations();
    }

    [Fact]
    public async Task Labels_are_added_removed_and_replaced()
    {
        await using var s = await GitLabScenario.StartAsync();
        var (status, json, _) = await s.PutAsync(GitLabScenario.Mr, new { add_labels = "kpb::checked,needs-work" });
        Assert.Equal(200, status);
        Assert.Equal(["kpb::checked", "needs-work"], json!["labels"]!.AsArray().Select(l => (string)l!));
        Assert.Equal(200, (await s.PutAsync($"{GitLabScenario.Mr}?remove_labels=needs-work&add_labels=clean", new { })).Status);
        Assert.Equal(["kpb::checked", "clean"], s.Project.Labels(1));
        Assert.Equal(200, (await s.PutAsync(GitLabScenario.Mr, new { labels = new[] { "only" } })).Status);
        Assert.Equal(["only"], s.Project.Labels(1));
        s.Server.AssertNoViolations();

        (status, json, _) = await s.PutAsync(GitLabScenario.Mr, new { nothing = "here" });
        Assert.Equal(400, status);
        Assert.Contains("at least one parameter must be provided", (string?)json!["error"], StringComparison.Ordinal);
        Assert.Single(s.Server.Violations);
    }

    [Fact]
    public async Task An_award_emoji_cannot_be_given_twice_by_the_same_user()
    {
        await using var s = await GitLabScenario.StartAsync();
        var noteId = s.Project.AddNote(1, "jane", "/kpb recheck");
        var path = $"{GitLabScenario.Mr}/notes/{noteId}/award_emoji";
        var (status, json, _) = await s.PostAsync($"{path}?name=eyes", new { });
        Assert.Equal(201, status);
        Assert.Equal("eyes", (string?)json!["name"]);
        Assert.Equal("Note", (string?)json["awardable_type"]);

        (status, json, _) = await s.PostAsync($"{path}?name=eyes", new { });
        Assert.Equal(404, status);
        Assert.Equal("404 Award Emoji Name has already been taken", (string?)json!["message"]);
        Assert.Equal(201, (await s.PostAsync(path, new { name = "thumbsup" })).Status);

        var (_, list, _) = await s.GetAsync(path);
        Assert.Equal(2, list!.AsArray().Count);
        Assert.Equal(["eyes", "thumbsup"], s.Project.AwardEmoji(noteId).Select(a => a.Name));
        Assert.Equal(404, (await s.PostAsync($"{GitLabScenario.Mr}/notes/1/award_emoji?name=eyes", new { })).Status);
        s.Server.AssertNoViolations();
    }
}
