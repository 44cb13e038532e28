using KernelPrBot.Checks.Claims;
using KernelPrBot.Checks.Patches;
using KernelPrBot.Hosting.Server;
using KernelPrBot.Hosting.Settings;
using KernelPrBot.Review.Model;
using KernelPrBot.Review.ModelStage;
using KernelPrBot.Testing;
using KernelPrBot.Testing.FakeGitHub;
using KernelPrBot.Testing.FakeModel;
using Xunit;

namespace KernelPrBot.Hosting.Tests.ModelStage;

/// <summary>The model stage's loop against the fake OpenAI-compatible server: budgets, tools refusing hostile calls, the cache.</summary>
public sealed class ModelReviewerTests : IAsyncLifetime, IDisposable
{
    private readonly TempDirectory _temp = new("model-reviewer");
    private FakeModelServer _model = null!;

    public async Task InitializeAsync() => _model = await FakeModelServer.StartAsync();

    public async Task DisposeAsync() => await _model.DisposeAsync();

    public void Dispose() => _temp.Dispose();

    private IModelReviewer Reviewer(params (string Key, string Value)[] overrides)
    {
        var settings = new KernelPrBotSettings
        {
            Llm = new LlmSettings
            {
                Enabled = true,
                Endpoint = _model.BaseUrl.ToString(),
                Model = ModelSample.Model,
                ApiKey = FakeModelServer.Key,
                CacheDirectory = _temp.Combine("cache"),
                AttemptTimeoutSeconds = 5,
                MaxRetries = 0,
            },
        };
        foreach (var (key, value) in overrides)
        {
            switch (key)
            {
                case "MaxToolCalls": settings.Llm.MaxToolCalls = int.Parse(value, System.Globalization.CultureInfo.InvariantCulture); break;
                case "MaxModelCallsPerPatch": settings.Llm.MaxModelCallsPerPatch = int.Parse(value, System.Globalization.CultureInfo.InvariantCulture); break;
                case "MaxTokens": settings.Llm.MaxTokens = long.Parse(value, System.Globalization.CultureInfo.InvariantCulture); break;
                default: throw new ArgumentException(key);
            }
        }

        return ReviewEnvironmentLoader.ModelReviewerFor(settings);
    }

    private static (ModelStageInput Input, Change Change) Input()
    {
        var input = ModelReviewerTestInput.Create();
        return (input, input.Change);
    }

    [Fact]
    public async Task Gives_the_model_the_patch_and_the_tools_and_reads_its_claims()
    {
        _model.Respond = ModelSample.Conversation;
        var (input, _) = Input();

        var run = await Reviewer().ReviewAsync(input, CancellationToken.None);

        var answer = Assert.Single(run.Answers!.Patches);
        Assert.Equal(5, answer.Claims.Count);
        Assert.Single(answer.Dropped);
        Assert.Equal(new ClaimUsage(run.Usage.Seconds, 2, 1, run.Usage.InputTokens, run.Usage.OutputTokens), run.Usage);
        Assert.True(run.Usage.InputTokens > 0 && run.Usage.OutputTokens > 0);
        var call = Assert.Single(run.ToolCalls);
        Assert.Equal("find_function", call.Tool);
        Assert.Contains("Pull request: net: acme: rx buffer", _model.Requests[0].UserText, StringComparison.Ordinal);
        Assert.Contains("+\tmutex_unlock(&other->cfg_lock);", _model.Requests[0].UserText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Tools_refuse_paths_outside_the_tree_unknown_tools_and_bad_patterns()
    {
        _model.Enqueue(
            new ModelReply.ToolCall("read_file", """{"path":"../../../etc/passwd","start_line":1,"end_line":5}"""),
            new ModelReply.ToolCall("run_shell", """{"command":"id"}"""),
            new ModelReply.ToolCall("grep", """{"pattern":"(unclosed","directory":"drivers"}"""),
            new ModelReply.ToolCall("read_file", $$"""{"path":"{{SampleDriver.DriverPath}}","start_line":1,"end_line":3}"""),
            new ModelReply.Final("""{"claims":[]}"""));
        var (input, _) = Input();

        await Reviewer().ReviewAsync(input, CancellationToken.None);

        var results = _model.Requests[^1].ToolResultTexts;
        Assert.Contains("not a relative path inside the kernel tree", results[0], StringComparison.Ordinal);
        Assert.Contains("there is no tool 'run_shell'", results[1], StringComparison.Ordinal);
        Assert.Contains("not a valid regular expression", results[2], StringComparison.Ordinal);
        Assert.Contains("// SPDX-License-Identifier: GPL-2.0", results[3], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Stops_offering_tools_when_the_budget_is_spent_and_asks_for_the_answer()
    {
        _model.Respond = r => r.ToolNames.Count == 0
            ? new ModelReply.Final("""{"claims":[]}""")
            : new ModelReply.ToolCall("find_function", """{"name":"acme_fill_rx"}""");
        var (input, _) = Input();

        var run = await Reviewer(("MaxToolCalls", "2")).ReviewAsync(input, CancellationToken.None);

        Assert.Equal(2, run.Usage.ToolCalls);
        Assert.Equal(3, _model.Requests.Count);
        Assert.Empty(_model.Requests[^1].ToolNames);
        Assert.Contains("tool budget for this patch is spent", _model.Requests[^1].UserText, StringComparison.Ordinal);
        Assert.Empty(Assert.Single(run.Answers!.Patches).Claims);
    }

    [Fact]
    public async Task A_spent_token_budget_skips_the_rest_and_says_so()
    {
        _model.Respond = ModelSample.Conversation;
        var (input, _) = Input();
        var two = input with { Series = new PatchSeries([input.Series.Patches[0], input.Series.Patches[0] with { Source = "second" }], []) };

        var run = await Reviewer(("MaxTokens", "10")).ReviewAsync(two, CancellationToken.None);

        Assert.Single(run.Answers!.Patches);
        Assert.Contains(run.Notes, n => n.Contains("1 of 2 patches not reviewed by the model: the token budget", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Answers_recorded_for_a_head_are_reused_without_asking_again()
    {
        _model.Respond = ModelSample.Conversation;
        var (input, change) = Input();
        var reviewer = Reviewer();
        var first = await reviewer.ReviewAsync(input, CancellationToken.None);
        await reviewer.SaveRecordAsync(change, new ModelStageRecord(reviewer.Model, change.HeadSha, first, [], []), CancellationToken.None);
        var asked = _model.Requests.Count;

        var again = await reviewer.ReviewAsync(input, CancellationToken.None);

        Assert.True(again.FromCache);
        Assert.Equal(asked, _model.Requests.Count);
        Assert.Equal(first.Answers!.Patches[0].Claims, again.Answers!.Patches[0].Claims);
        var other = await reviewer.FindRecordAsync(change with { HeadSha = new string('c', 40) }, CancellationToken.None);
        Assert.Null(other);
    }

    [Fact]
    public async Task A_corrupt_record_counts_as_none()
    {
        _model.Respond = ModelSample.Conversation;
        var (input, change) = Input();
        var reviewer = Reviewer();
        await reviewer.SaveRecordAsync(change, new ModelStageRecord(reviewer.Model, change.HeadSha, await reviewer.ReviewAsync(input, CancellationToken.None), [], []), CancellationToken.None);
        foreach (var file in Directory.GetFiles(_temp.Combine("cache")))
        {
            File.WriteAllText(file, "{ not json");
        }

        Assert.Null(await reviewer.FindRecordAsync(change, CancellationToken.None));
    }
}
