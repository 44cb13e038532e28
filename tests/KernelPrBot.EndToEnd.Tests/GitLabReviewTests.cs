using System.Net;
using KernelPrBot.Testing;
using KernelPrBot.Testing.FakeGitHub;
using KernelPrBot.Testing.FakeGitLab;
using Xunit;

namespace KernelPrBot.EndToEnd.Tests;

/// <summary>The GitLab scenarios of the GitHub tests: hooks in, fake GitLab state out, through the same server and core.</summary>
public sealed class GitLabReviewTests : IAsyncLifetime, IDisposable
{
    private const string Token = "gitlab-hook-secret";
    private const int Iid = 9;
    private FakeGitLabServer _gitlab = null!;
    private BotServer _bot = null!;
    private FakeProject _project = null!;
    private FakeMergeRequest _mr = null!;
    private readonly HttpClient _http = new();
    private readonly TempDirectory _temp = new("gitlab-e2e");

    private Uri Hooks => new(_bot.Url, "api/gitlab/webhooks");

    public async Task InitializeAsync()
    {
        _gitlab = await FakeGitLabServer.StartAsync();
        _bot = await BotServer.StartGitLabAsync(_gitlab.BaseUrl, _gitlab.Options.BotToken, Token, _temp.Combine("queue.db"));
        _project = _gitlab.AddProject("acme/linux");
        _project.SetAccessLevel("maint", 40);
        _project.SetAccessLevel("dev", 30);
        _project.SetAccessLevel("reporter", 20);
        _mr = _project.OpenMergeRequest(Iid, "net: acme: rx buffer", "jane",
            new Dictionary<string, string> { [SampleDriver.DriverPath] = SampleDriver.Base },
            [new FakeCommit(SampleDriver.AddMessage, "Jane Developer", "jane@example.org", new Dictionary<string, string?> { [SampleDriver.DriverPath] = SampleDriver.Buggy })]);
        Eventually.Diagnostics = () => string.Join("\n", _gitlab.Requests.TakeLast(15).Select(r => r.ToString()).Concat(_gitlab.Violations));
    }

    public async Task DisposeAsync()
    {
        await _bot.DisposeAsync();
        await _gitlab.DisposeAsync();
    }

    public void Dispose()
    {
        _http.Dispose();
        _temp.Dispose();
    }

    /// <summary>Positioned discussions; GitLab also lists every plain note as a one-note discussion.</summary>
    private IReadOnlyList<FakeDiscussion> Threads() => _project.Discussions(Iid).Where(d => !d.IndividualNote).ToList();

    private FakeStatus? Status() => _project.Statuses(_mr.HeadSha).FirstOrDefault(s => s.Name == "KernelPrBot");

    private bool Finished() => Status()?.State is "success" or "failed";

    private IReadOnlyList<FakeNote> Summaries() =>
        _project.Notes(Iid).Where(n => n.Body.Contains("<!-- kernel-pr-bot:summary -->", StringComparison.Ordinal)).ToList();

    private async Task<HttpResponseMessage> DeliverAsync(GitLabDelivery delivery, HttpStatusCode expected = HttpStatusCode.Accepted)
    {
        var response = await GitLabWebhooks.PostAsync(_http, Hooks, delivery);
        Assert.Equal(expected, response.StatusCode);
        return response;
    }

    private string StateFingerprint() => string.Join("\n",
        [
            .. Threads().Select(d => $"discussion resolved={d.Resolved} {string.Join("|", d.Notes.Select(n => $"{n.Author}:{n.Position?.NewLine}:{n.Body}"))}"),
            .. _project.Labels(Iid).Select(l => "label " + l),
            .. _project.Notes(Iid).Where(n => !n.System && n.Position is null).Select(n => $"note {n.Author}: {n.Body}"),
            .. _project.Statuses(_mr.HeadSha).Select(s => $"status {s.Name} {s.State} {s.Description} {string.Join(">", s.History)}"),
        ]);

    [Fact]
    public async Task Open_then_fixed_merge_request_ends_discussed_resolved_and_green()
    {
        await DeliverAsync(GitLabWebhooks.MergeRequest("open", _project, _mr, Token));
        await Eventually.HoldsAsync(Finished, "status finished for the opened MR");

        var discussion = Assert.Single(Threads());
        var note = discussion.Notes[0];
        Assert.Equal("kpb-bot", note.Author);
        Assert.Equal(SampleDriver.DriverPath, note.Position!.NewPath);
        Assert.Equal(SampleDriver.LineOf(SampleDriver.Buggy, "kmalloc(len, GFP_KERNEL)"), note.Position.NewLine);
        Assert.Null(note.Position.OldLine);
        Assert.Equal(_mr.Versions[0].HeadCommitSha, note.Position.HeadSha);
        Assert.Contains("atomic-sleeping-alloc", note.Body, StringComparison.Ordinal);
        Assert.Equal(["kpb: atomic"], _project.Labels(Iid));
        var summary = Assert.Single(Summaries());
        Assert.Contains("https://docs.kernel.org/process/coding-assistants.html", summary.Body, StringComparison.Ordinal);
        Assert.Equal("failed", Status()!.State);
        Assert.Equal(["running", "failed"], Status()!.History);

        _project.Push(_mr, new FakeCommit(SampleDriver.FixMessage, "Jane Developer", "jane@example.org", new Dictionary<string, string?> { [SampleDriver.DriverPath] = SampleDriver.Fixed }));
        await DeliverAsync(GitLabWebhooks.MergeRequest("update", _project, _mr, Token));
        await Eventually.HoldsAsync(Finished, "status finished for the fixed head");

        Assert.Equal("success", Status()!.State);
        var resolved = Assert.Single(Threads());
        Assert.True(resolved.Resolved);
        Assert.Contains("Resolved", resolved.Notes[0].Body, StringComparison.Ordinal);
        Assert.Empty(_project.Labels(Iid));
        var edited = Assert.Single(Summaries());
        Assert.Equal(summary.Id, edited.Id);
        Assert.NotEqual(summary.Body, edited.Body);
        _gitlab.AssertNoViolations();
    }

    [Fact]
    public async Task A_label_only_update_does_not_rerun_and_a_duplicate_delivery_changes_nothing()
    {
        var delivery = GitLabWebhooks.MergeRequest("open", _project, _mr, Token, idempotencyKey: "key-1");
        await DeliverAsync(delivery);
        await Eventually.HoldsAsync(Finished, "first review done");
        var before = StateFingerprint();
        var requests = _gitlab.Requests.Count;

        var again = await DeliverAsync(delivery);
        var labels = await DeliverAsync(GitLabWebhooks.MergeRequest("update", _project, _mr, Token, withOldrev: false), HttpStatusCode.OK);
        await Task.Delay(500);

        Assert.Contains("duplicate", await again.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains("no oldrev", await labels.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(before, StateFingerprint());
        Assert.Equal(requests, _gitlab.Requests.Count);
    }

    [Fact]
    public async Task A_second_run_on_an_unchanged_merge_request_writes_nothing()
    {
        await DeliverAsync(GitLabWebhooks.MergeRequest("open", _project, _mr, Token));
        await Eventually.HoldsAsync(Finished, "first review done");
        var before = StateFingerprint();
        var requests = _gitlab.Requests.Count;

        await DeliverAsync(GitLabWebhooks.MergeRequest("reopen", _project, _mr, Token));
        await Eventually.HoldsAsync(() => _gitlab.Requests.Skip(requests).Any(r => r.Path.EndsWith("/statuses", StringComparison.Ordinal)), "second job read the state");
        await Task.Delay(500);

        Assert.Equal(before, StateFingerprint());
        Assert.DoesNotContain(_gitlab.Requests.Skip(requests), r => r.IsWrite);
    }

    [Fact]
    public async Task Slash_commands_follow_access_levels_and_ignore_turns_the_status_green()
    {
        await DeliverAsync(GitLabWebhooks.MergeRequest("open", _project, _mr, Token));
        await Eventually.HoldsAsync(Finished, "first review done");

        var refused = _project.AddNote(Iid, "reporter", "/kpb recheck");
        await DeliverAsync(GitLabWebhooks.Note(_project, Iid, refused, "reporter", "/kpb recheck", Token));
        await Eventually.HoldsAsync(() => _project.AwardEmoji(refused).Count > 0, "reporter answered");
        Assert.Equal("confused", _project.AwardEmoji(refused)[0].Name);
        Assert.Contains(_project.Notes(Iid), n => n.Body.Contains("Sorry @reporter", StringComparison.Ordinal));

        var recheck = _project.AddNote(Iid, "dev", "/kpb recheck");
        await DeliverAsync(GitLabWebhooks.Note(_project, Iid, recheck, "dev", "/kpb recheck", Token));
        await Eventually.HoldsAsync(() => _project.AwardEmoji(recheck).Count > 0, "developer's recheck answered");
        Assert.Equal("thumbsup", _project.AwardEmoji(recheck)[0].Name);

        var devIgnore = _project.AddNote(Iid, "dev", "/kpb ignore atomic-sleeping-alloc not my problem");
        await DeliverAsync(GitLabWebhooks.Note(_project, Iid, devIgnore, "dev", "/kpb ignore atomic-sleeping-alloc not my problem", Token));
        await Eventually.HoldsAsync(() => _project.AwardEmoji(devIgnore).Count > 0, "developer's ignore refused");
        Assert.Equal("confused", _project.AwardEmoji(devIgnore)[0].Name);
        Assert.Equal("failed", Status()!.State);

        const string text = "/kpb ignore atomic-sleeping-alloc only called from process context here";
        var ignore = _project.AddNote(Iid, "maint", text);
        await DeliverAsync(GitLabWebhooks.Note(_project, Iid, ignore, "maint", text, Token));
        await Eventually.HoldsAsync(() => _project.AwardEmoji(ignore).Count > 0, "maintainer's ignore answered");

        Assert.Equal("success", Status()!.State);
        var summary = Assert.Single(Summaries());
        Assert.Contains("only called from process context here", summary.Body, StringComparison.Ordinal);
        Assert.Contains("@maint", summary.Body, StringComparison.Ordinal);
        Assert.True(Assert.Single(Threads()).Resolved);
        _gitlab.AssertNoViolations();
    }

    [Fact]
    public async Task Collapsed_and_too_large_diffs_are_named_in_the_summary()
    {
        var project = _gitlab.AddProject("acme/big");
        project.MarkCollapsed("drivers/acme/generated.c");
        var huge = string.Concat(Enumerable.Range(0, 20_000).Select(i => $"int table_{i};\n"));
        var mr = project.OpenMergeRequest(2, "acme: tables", "jane", new Dictionary<string, string>(),
            [new FakeCommit(SampleDriver.AddMessage, "Jane Developer", "jane@example.org", new Dictionary<string, string?>
            {
                ["drivers/acme/generated.c"] = "int generated;\n",
                ["drivers/acme/huge.c"] = huge,
            })]);

        await DeliverAsync(GitLabWebhooks.MergeRequest("open", project, mr, Token));
        await Eventually.HoldsAsync(() => project.Statuses(mr.HeadSha).Any(s => s.State is "success" or "failed"), "big MR reviewed");

        var summary = Assert.Single(project.Notes(2), n => n.Body.Contains("<!-- kernel-pr-bot:summary -->", StringComparison.Ordinal));
        Assert.Contains("drivers/acme/generated.c: GitLab collapsed the diff", summary.Body, StringComparison.Ordinal);
        Assert.Contains("drivers/acme/huge.c: GitLab marks the diff too large", summary.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Wrong_tokens_and_broken_bodies_are_4xx_and_unhandled_hooks_200()
    {
        var good = GitLabWebhooks.MergeRequest("open", _project, _mr, Token);
        var wrong = good with { Headers = new Dictionary<string, string>(good.Headers) { ["X-Gitlab-Token"] = "guess" } };
        var broken = good with { Body = "{\"object_kind\":"u8.ToArray() };
        var push = good with { Headers = new Dictionary<string, string>(good.Headers) { ["X-Gitlab-Event"] = "Push Hook" } };

        await DeliverAsync(wrong, HttpStatusCode.Unauthorized);
        await DeliverAsync(broken, HttpStatusCode.BadRequest);
        await DeliverAsync(push, HttpStatusCode.OK);
    }
}
