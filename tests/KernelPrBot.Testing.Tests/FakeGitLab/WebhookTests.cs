using System.Text.Json.Nodes;
using KernelPrBot.Testing.FakeGitHub;
using KernelPrBot.Testing.FakeGitLab;
using Xunit;

namespace KernelPrBot.Testing.Tests.FakeGitLab;

public class WebhookTests
{
    [Fact]
    public async Task An_open_delivery_points_at_the_fakes_project_and_head()
    {
        await using var s = await GitLabScenario.StartAsync();
        var d = GitLabWebhooks.MergeRequest("open", s.Project, s.MergeRequest, "secret", idempotencyKey: "key-1");
        Assert.Equal("Merge Request Hook", d.Headers["X-Gitlab-Event"]);
        Assert.Equal("secret", d.Headers["X-Gitlab-Token"]);
        Assert.Equal("key-1", d.Headers["Idempotency-Key"]);
        Assert.True(Guid.TryParse(d.Headers["X-Gitlab-Event-UUID"], out _));
        Assert.StartsWith("GitLab/17.", d.Headers["User-Agent"], StringComparison.Ordinal);
        Assert.Equal("application/json", d.Headers["Content-Type"]);
        Assert.Equal(s.Server.BaseUrl.GetLeftPart(UriPartial.Authority), d.Headers["X-Gitlab-Instance"]);

        var json = JsonNode.Parse(d.Body)!;
        Assert.Equal("merge_request", (string?)json["object_kind"]);
        Assert.Equal(s.Project.Id, (long)json["project"]!["id"]!);
        Assert.Equal("acme/linux", (string?)json["project"]!["path_with_namespace"]);
        Assert.Equal(s.Project.WebUrl, (string?)json["project"]!["web_url"]);
        var a = json["object_attributes"]!;
        Assert.Equal((1, s.MergeRequest.Id, "open"), ((int)a["iid"]!, (long)a["id"]!, (string?)a["action"]));
        Assert.Equal(s.MergeRequest.HeadSha, (string?)a["last_commit"]!["id"]);
        Assert.Equal(s.Project.Id, (long)a["target_project_id"]!);
        Assert.Equal("jane", (string?)json["user"]!["username"]);
        Assert.Null(a["oldrev"]);
    }

    [Fact]
    public async Task An_update_after_a_push_carries_oldrev_and_a_label_edit_does_not()
    {
        await using var s = await GitLabScenario.StartAsync();
        var before = s.MergeRequest.HeadSha;
        s.Project.Push(s.MergeRequest, new FakeCommit("more", "Jane Dev", "jane@example.org", new Dictionary<string, string?> { ["x"] = "x\n" }));
        var push = JsonNode.Parse(GitLabWebhooks.MergeRequest("update", s.Project, s.MergeRequest, "t").Body)!["object_attributes"]!;
        Assert.Equal(before, (string?)push["oldrev"]);
        Assert.Equal(s.MergeRequest.HeadSha, (string?)push["last_commit"]!["id"]);
        Assert.Equal("update", (string?)push["action"]);

        var labels = JsonNode.Parse(GitLabWebhooks.MergeRequest("update", s.Project, s.MergeRequest, "t", withOldrev: false).Body)!;
        Assert.Null(labels["object_attributes"]!["oldrev"]);
        Assert.NotNull(labels["changes"]!["labels"]);
        Assert.Equal(s.MergeRequest.HeadSha, (string?)labels["object_attributes"]!["last_commit"]!["id"]);
        Assert.Throws<ArgumentException>(() => GitLabWebhooks.MergeRequest("merge", s.Project, s.MergeRequest, "t"));
    }

    [Fact]
    public async Task A_note_delivery_names_the_note_the_author_and_the_merge_request()
    {
        await using var s = await GitLabScenario.StartAsync();
        var noteId = s.Project.AddNote(1, "jane", "/kpb recheck");
        var d = GitLabWebhooks.Note(s.Project, 1, noteId, "jane", "/kpb recheck", "t");
        Assert.Equal("Note Hook", d.Headers["X-Gitlab-Event"]);
        var json = JsonNode.Parse(d.Body)!;
        var a = json["object_attributes"]!;
        Assert.Equal((noteId, "/kpb recheck", "MergeRequest"), ((long)a["id"]!, (string?)a["note"], (string?)a["noteable_type"]));
        Assert.Equal((1, s.MergeRequest.HeadSha), ((int)json["merge_request"]!["iid"]!, (string?)json["merge_request"]!["last_commit"]!["id"]));
        Assert.Equal(("jane", s.Project.UserId("jane")), ((string?)json["user"]!["username"], (long)json["user"]!["id"]!));
        Assert.Equal(s.Project.Id, (long)json["project"]!["id"]!);
    }

    [Fact]
    public async Task PostAsync_sends_the_body_and_headers()
    {
        await using var s = await GitLabScenario.StartAsync();
        var d = GitLabWebhooks.Note(s.Project, 1, 5, "jane", "hi", "tok");
        using var http = new HttpClient();
        // The fake GitLab itself has no webhook route: the POST is recorded as an unknown endpoint with the payload intact.
        using var response = await GitLabWebhooks.PostAsync(http, new Uri(s.Server.ApiUrl, "hooks"), d);
        Assert.Equal(404, (int)response.StatusCode);
        var recorded = s.Server.Requests.Single();
        Assert.Equal(System.Text.Encoding.UTF8.GetString(d.Body), recorded.Body);
    }
}
