using System.Net;
using KernelPrBot.Testing;
using KernelPrBot.Testing.FakeGitHub;
using KernelPrBot.Testing.FakeGitLab;
using KernelPrBot.Testing.FakeModel;
using Xunit;

namespace KernelPrBot.EndToEnd.Tests;

/// <summary>The model stage on GitLab: the GitHub scenarios' claims through merge request hooks, discussions and notes.</summary>
public sealed class GitLabModelStageTests : IAsyncLifetime, IDisposable
{
    private const string Token = "gitlab-hook-secret";
    private const int Iid = 9;
    private readonly HttpClient _http = new();
    private readonly TempDirectory _temp = new("gitlab-model-e2e");
    private FakeGitLabServer _gitlab = null!;
    private FakeModelServer _model = null!;
    private BotServer? _bot;

    public async Task InitializeAsync()
    {
        _gitlab = await FakeGitLabServer.StartAsync();
        _model = await FakeModelServer.StartAsync();
        _model.Respond = ModelSample.Conversation;
        Eventually.Diagnostics = () => string.Join("\n", _gitlab.Requests.TakeLast(10).Select(r => r.ToString()).Concat(_gitlab.Violations));
    }

    public async Task DisposeAsync()
    {
        if (_bot is not null)
        {
            await _bot.DisposeAsync();
        }

        await _model.DisposeAsync();
        await _gitlab.DisposeAsync();
    }

    public void Dispose()
    {
        _http.Dispose();
        _temp.Dispose();
    }

    private async Task<(FakeProject Project, FakeMergeRequest Mr)> ReviewAsync(bool stage, string name, params string[] extra)
    {
        if (_bot is not null)
        {
            await _bot.DisposeAsync();
        }

        var settings = stage ? ModelSample.Settings(_model, _temp.Combine("cache-" + name), extra) : extra;
        _bot = await BotServer.StartGitLabAsync(_gitlab.BaseUrl, _gitlab.Options.BotToken, Token, _temp.Combine(name + ".db"), null, settings);
        var project = _gitlab.AddProject("acme/" + name);
        var mr = project.OpenMergeRequest(Iid, "net: acme: rx buffer", "jane",
            new Dictionary<string, string> { [SampleDriver.DriverPath] = SampleDriver.Base },
            [new FakeCommit(SampleDriver.AddMessage, "Jane Developer", "jane@example.org", new Dictionary<string, string?> { [SampleDriver.DriverPath] = ModelSample.Driver })]);
        var response = await GitLabWebhooks.PostAsync(_http, new Uri(_bot.Url, "api/gitlab/webhooks"), GitLabWebhooks.MergeRequest("open", project, mr, Token));
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        await Eventually.HoldsAsync(() => project.Statuses(mr.HeadSha).FirstOrDefault(s => s.Name == "KernelPrBot")?.State is "success" or "failed", "status finished");
        return (project, mr);
    }

    private static IReadOnlyList<FakeNote> Positioned(FakeProject project) =>
        project.Discussions(Iid).Where(d => !d.IndividualNote).Select(d => d.Notes[0]).OrderBy(n => n.Position!.NewLine).ToList();

    private static string Summary(FakeProject project) =>
        Assert.Single(project.Notes(Iid), n => n.Body.Contains("<!-- kernel-pr-bot:summary -->", StringComparison.Ordinal)).Body;

    [Fact]
    public async Task Posts_the_confirmed_claims_as_discussions_and_lists_the_rest_in_the_summary()
    {
        var (project, _) = await ReviewAsync(stage: true, "linux-model");

        var notes = Positioned(project);
        Assert.Equal([ModelSample.KmallocLine, ModelSample.WrongUnlockLine], notes.Select(n => n.Position!.NewLine ?? 0));
        Assert.Contains($"proposed by {ModelSample.Model}; confirmed by the analysis", notes[1].Body, StringComparison.Ordinal);
        Assert.DoesNotContain(notes, n => n.Position!.NewLine == ModelSample.ReturnLine || n.Position!.NewLine == ModelSample.RxLenLine);
        var summary = Summary(project);
        Assert.Contains("- contradicted by the analysis (not posted): 1", summary, StringComparison.Ordinal);
        Assert.Contains("rx_len is set even when the allocation failed", summary, StringComparison.Ordinal);
        Assert.Equal(2, _model.Requests.Count);
        _gitlab.AssertNoViolations();
    }

    [Fact]
    public async Task With_the_stage_off_nothing_of_it_shows_and_no_model_is_called()
    {
        var (off, _) = await ReviewAsync(stage: false, "linux-off");
        Assert.Empty(_model.Requests);
        _model.Respond = _ => new ModelReply.Final("""{"claims":[]}""");
        var (on, _) = await ReviewAsync(stage: true, "linux-on");

        Assert.Equal(Positioned(off).Select(n => (n.Position!.NewLine, n.Body)), Positioned(on).Select(n => (n.Position!.NewLine, n.Body)));
        Assert.Equal(off.Labels(Iid), on.Labels(Iid));
        var without = Summary(off);
        var with = Summary(on);
        Assert.DoesNotContain("Model-assisted review", without, StringComparison.Ordinal);
        var section = with.IndexOf("### Model-assisted review", StringComparison.Ordinal);
        Assert.Equal(without, with.Remove(section, with.IndexOf("### ", section + 4, StringComparison.Ordinal) - section));
    }

    [Fact]
    public async Task A_model_rate_limit_is_waited_out_and_a_broken_answer_costs_only_the_claims()
    {
        _model.Enqueue(new ModelReply.Failure(429, RetryAfterSeconds: 1));
        var (project, _) = await ReviewAsync(stage: true, "linux-retry");
        Assert.Contains(Positioned(project), n => n.Position!.NewLine == ModelSample.WrongUnlockLine);

        _model.Respond = _ => new ModelReply.Final("I think there might be a lock problem somewhere.");
        var (broken, _) = await ReviewAsync(stage: true, "linux-prose");
        Assert.Single(Positioned(broken));
        Assert.Contains("- malformed answers (dropped): 1", Summary(broken), StringComparison.Ordinal);
    }
}
