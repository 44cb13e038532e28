using System.Net;
using KernelPrBot.Testing;
using KernelPrBot.Testing.FakeGitHub;
using KernelPrBot.Testing.FakeModel;
using Xunit;

namespace KernelPrBot.EndToEnd.Tests;

/// <summary>
/// The model stage on GitHub, end to end: signed webhooks in, the real server with Llm settings, a fake
/// OpenAI-compatible model (tool calls, retries, failures), and what the fake GitHub shows afterwards.
/// </summary>
public sealed class GitHubModelStageTests : IAsyncLifetime, IDisposable
{
    private readonly HttpClient _http = new();
    private readonly TempDirectory _temp = new("model-e2e");
    private readonly List<BotServer> _bots = [];
    private FakeGitHubServer _github = null!;
    private FakeModelServer _model = null!;

    public async Task InitializeAsync()
    {
        _github = await FakeGitHubServer.StartAsync();
        _model = await FakeModelServer.StartAsync();
        _model.Respond = ModelSample.Conversation;
        Eventually.Diagnostics = () => string.Join("\n", _github.Requests.TakeLast(10).Select(r => r.ToString()).Concat(_github.Violations));
    }

    public async Task DisposeAsync()
    {
        foreach (var bot in _bots)
        {
            await bot.DisposeAsync();
        }

        await _model.DisposeAsync();
        await _github.DisposeAsync();
    }

    public void Dispose()
    {
        _http.Dispose();
        _temp.Dispose();
    }

    private async Task<BotServer> StartBotAsync(bool stage, params string[] extra)
    {
        var settings = stage ? ModelSample.Settings(_model, _temp.Combine("model-cache-" + _bots.Count), extra) : extra;
        var bot = await BotServer.StartAsync(_github, _temp.Combine($"queue{_bots.Count}.db"), settings);
        _bots.Add(bot);
        return bot;
    }

    private async Task ReviewAsync(BotServer bot, PullRequestScenario s, string action = "opened")
    {
        var response = await GitHubWebhooks.PostAsync(_http, bot.GitHubWebhooks, GitHubWebhooks.PullRequest(action, s.Repo, s.Pr, BotServer.Secret));
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        await Eventually.HoldsAsync(() => s.CheckCompleted(), "check run completed");
    }

    [Fact]
    public async Task Posts_confirmed_claims_as_findings_and_never_the_contradicted_unverified_or_out_of_diff_ones()
    {
        var bot = await StartBotAsync(stage: true);
        var s = new PullRequestScenario(_github, changed: ModelSample.Driver);

        await ReviewAsync(bot, s);

        var comments = s.Repo.ReviewComments(s.Number).OrderBy(c => c.Line).ToList();
        Assert.Equal([ModelSample.KmallocLine, ModelSample.WrongUnlockLine], comments.Select(c => c.Line));
        Assert.Contains("atomic-sleeping-alloc", comments[0].Body, StringComparison.Ordinal);
        Assert.DoesNotContain("proposed by", comments[0].Body, StringComparison.Ordinal);
        Assert.Contains("**lock-not-released**", comments[1].Body, StringComparison.Ordinal);
        Assert.Contains("releases a lock no path holds here, while mutex_lock(&priv->cfg_lock)", comments[1].Body, StringComparison.Ordinal);
        Assert.Contains($"proposed by {ModelSample.Model}; confirmed by the analysis", comments[1].Body, StringComparison.Ordinal);
        Assert.Equal(["kpb: atomic", "kpb: locking"], s.Repo.Labels(s.Number).Order(StringComparer.Ordinal));

        var summary = Assert.Single(s.Summaries()).Body;
        Assert.Contains($"### Model-assisted review (`{ModelSample.Model}`)", summary, StringComparison.Ordinal);
        Assert.Contains("- confirmed: 2 (1 added as findings", summary, StringComparison.Ordinal);
        Assert.Contains("- contradicted by the analysis (not posted): 1", summary, StringComparison.Ordinal);
        Assert.Contains("- not checkable (listed below, not posted): 1", summary, StringComparison.Ordinal);
        Assert.Contains("- about code this pull request does not change (not posted): 1", summary, StringComparison.Ordinal);
        Assert.Contains("- malformed answers (dropped): 1", summary, StringComparison.Ordinal);
        Assert.Contains("rx_len is set even when the allocation failed", summary, StringComparison.Ordinal);
        Assert.Contains("Spent: 2 model calls, 1 tool call", summary, StringComparison.Ordinal);
        var posted = string.Join("\n", s.Repo.IssueComments(s.Number).Select(c => c.Body).Concat(comments.Select(c => c.Body)));
        Assert.DoesNotMatch(@"(?m)^\s*(Reviewed|Acked|Tested)-by:", posted);

        // The model was offered the kernel model as tools, asked for the claims schema, and got the function it asked for.
        var first = _model.Requests[0];
        Assert.Equal(["read_file", "find_function", "function_summary", "find_callers", "grep"], first.ToolNames);
        Assert.True(first.HasResponseFormat);
        Assert.Equal("Bearer " + FakeModelServer.Key, first.Authorization);
        Assert.Contains("spin_lock_irqsave(&priv->lock, flags);", Assert.Single(_model.Requests[1].ToolResultTexts), StringComparison.Ordinal);
        Assert.Contains("net: acme: allocate the rx buffer on fill", first.UserText, StringComparison.Ordinal);
        _github.AssertNoViolations();
    }

    [Fact]
    public async Task A_rerun_on_the_same_head_asks_the_model_nothing_and_changes_nothing()
    {
        var bot = await StartBotAsync(stage: true);
        var s = new PullRequestScenario(_github, changed: ModelSample.Driver);
        await ReviewAsync(bot, s);
        var asked = _model.Requests.Count;
        var before = s.StateFingerprint();

        await ReviewAsync(bot, s, "synchronize");
        await Task.Delay(500);

        Assert.Equal(asked, _model.Requests.Count);
        Assert.Equal(before, s.StateFingerprint());
    }

    [Fact]
    public async Task With_the_stage_off_the_posted_review_is_the_rules_alone_and_no_model_is_called()
    {
        var off = await StartBotAsync(stage: false);
        var on = await StartBotAsync(stage: true);
        _model.Respond = _ => new ModelReply.Final("""{"claims":[]}""");
        var a = new PullRequestScenario(_github, changed: ModelSample.Driver, name: "linux-a");
        var b = new PullRequestScenario(_github, changed: ModelSample.Driver, name: "linux-b");

        await ReviewAsync(off, a);
        Assert.Empty(_model.Requests);
        await ReviewAsync(on, b);

        Assert.Equal(a.Repo.ReviewComments(a.Number).Select(c => (c.Line, c.Body)), b.Repo.ReviewComments(b.Number).Select(c => (c.Line, c.Body)));
        Assert.Equal(a.Repo.Labels(a.Number), b.Repo.Labels(b.Number));
        var withoutStage = Assert.Single(a.Summaries()).Body;
        var withStage = Assert.Single(b.Summaries()).Body;
        Assert.DoesNotContain("Model-assisted review", withoutStage, StringComparison.Ordinal);
        var section = withStage.IndexOf("### Model-assisted review", StringComparison.Ordinal);
        var after = withStage.IndexOf("### ", section + 4, StringComparison.Ordinal);
        Assert.Equal(withoutStage, withStage.Remove(section, after - section));
        Assert.Equal(a.LatestCheckRun()!.Conclusion, b.LatestCheckRun()!.Conclusion);
    }

    [Fact]
    public async Task Rides_out_429_with_retry_after_and_a_500_then_posts_the_verified_claims()
    {
        var bot = await StartBotAsync(stage: true);
        _model.Enqueue(new ModelReply.Failure(429, RetryAfterSeconds: 1), new ModelReply.Failure(500));
        var s = new PullRequestScenario(_github, changed: ModelSample.Driver);

        await ReviewAsync(bot, s);

        Assert.Equal(4, _model.Requests.Count); // 429, 500, the tool call, the answer
        Assert.Contains(s.Repo.ReviewComments(s.Number), c => c.Line == ModelSample.WrongUnlockLine);
    }

    [Theory]
    [InlineData("malformed")]
    [InlineData("timeout")]
    [InlineData("unauthorized")]
    public async Task A_model_that_fails_costs_its_claims_never_the_review(string failure)
    {
        var bot = await StartBotAsync(stage: true, "--KernelPrBot:Llm:AttemptTimeoutSeconds=1", "--KernelPrBot:Llm:MaxRetries=1",
            failure == "unauthorized" ? "--KernelPrBot:Llm:ApiKey=sk-wrong" : "--KernelPrBot:Llm:MaxToolCalls=40");
        _model.Respond = failure switch
        {
            "malformed" => _ => new ModelReply.Malformed("<html>502 Bad Gateway</html>"),
            "timeout" => _ => new ModelReply.Delay(TimeSpan.FromSeconds(5), new ModelReply.Final("""{"claims":[]}""")),
            _ => ModelSample.Conversation,
        };
        var s = new PullRequestScenario(_github, changed: ModelSample.Driver);

        await ReviewAsync(bot, s);

        var comment = Assert.Single(s.Repo.ReviewComments(s.Number));
        Assert.Equal(ModelSample.KmallocLine, comment.Line);
        var summary = Assert.Single(s.Summaries()).Body;
        Assert.Contains("the model failed on", summary, StringComparison.Ordinal);
        Assert.DoesNotContain(FakeModelServer.Key, summary, StringComparison.Ordinal);
        Assert.DoesNotContain("sk-wrong", summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Posts_unverifiable_claims_as_marked_suggestions_only_when_asked_to()
    {
        var bot = await StartBotAsync(stage: true, "--KernelPrBot:Llm:PostUnverified=true");
        var s = new PullRequestScenario(_github, changed: ModelSample.Driver);

        await ReviewAsync(bot, s);

        var suggestion = Assert.Single(s.Repo.ReviewComments(s.Number), c => c.Line == ModelSample.RxLenLine);
        Assert.Contains($"Suggestion by {ModelSample.Model}, not verified by the analysis", suggestion.Body, StringComparison.Ordinal);
        Assert.Contains("/kpb explain model", suggestion.Body, StringComparison.Ordinal);
        Assert.DoesNotContain(s.Repo.ReviewComments(s.Number), c => c.Line == ModelSample.ReturnLine);
        Assert.Contains("- not checkable (posted as marked suggestions): 1", Assert.Single(s.Summaries()).Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Explain_model_shows_the_claims_the_tool_calls_and_the_verdicts()
    {
        var bot = await StartBotAsync(stage: true);
        var s = new PullRequestScenario(_github, changed: ModelSample.Driver);
        await ReviewAsync(bot, s);

        var id = s.Repo.AddIssueComment(s.Number, PullRequestScenario.Author, "/kpb explain model");
        var response = await GitHubWebhooks.PostAsync(_http, bot.GitHubWebhooks, GitHubWebhooks.IssueComment(s.Repo, s.Number, id, PullRequestScenario.Author, "/kpb explain model", BotServer.Secret));
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        await Eventually.HoldsAsync(() => s.BotReplies().Count == 1, "the explanation was posted");

        var reply = s.BotReplies()[0].Body;
        Assert.Contains($"(`{ModelSample.Model}`)".Replace("`", string.Empty, StringComparison.Ordinal), reply.Replace("`", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Contains("| contradicted |", reply, StringComparison.Ordinal);
        Assert.Contains("| confirmed (the rules report it too) |", reply, StringComparison.Ordinal);
        Assert.Contains("`find_function` {\"name\":\"acme_fill_rx\"}", reply, StringComparison.Ordinal);
        Assert.Contains("1 tool calls", reply, StringComparison.Ordinal);
    }
}
