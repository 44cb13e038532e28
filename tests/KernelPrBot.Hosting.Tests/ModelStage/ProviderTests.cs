using System.Net;
using System.Text;
using KernelPrBot.Hosting.Server;
using KernelPrBot.Hosting.Settings;
using KernelPrBot.Review.ModelStage;
using KernelPrBot.Testing;
using KernelPrBot.Testing.FakeModel;
using Xunit;

namespace KernelPrBot.Hosting.Tests.ModelStage;

/// <summary>Each provider's client, built from settings, over the bot's HTTP handlers: the request it sends and how it reads the answer.</summary>
public sealed class ProviderTests : IDisposable
{
    private readonly TempDirectory _temp = new("model-providers");

    public void Dispose() => _temp.Dispose();

    private sealed class Recorder(Func<HttpRequestMessage, string, HttpResponseMessage> answer) : HttpMessageHandler
    {
        public List<(HttpRequestMessage Request, string Body)> Seen { get; } = [];

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var body = request.Content is null ? string.Empty : await request.Content.ReadAsStringAsync(cancellationToken);
            Seen.Add((request, body));
            return answer(request, body);
        }
    }

    private KernelPrBotSettings Settings(string provider, string endpoint, string header = "Authorization") => new()
    {
        Llm = new LlmSettings
        {
            Enabled = true,
            Provider = provider,
            Endpoint = endpoint,
            Model = "test-model",
            ApiKey = "secret-key-123",
            ApiKeyHeader = header,
            CacheDirectory = _temp.Combine(provider),
            MaxRetries = 1,
        },
    };

    private static HttpResponseMessage Json(string json, HttpStatusCode status = HttpStatusCode.OK) =>
        new(status) { Content = new StringContent(json, Encoding.UTF8, "application/json") };

    private static ModelStageInput Input() => ModelReviewerTestInput.Create();

    [Fact]
    public async Task Anthropic_goes_through_the_official_sdk_to_the_messages_api()
    {
        var recorder = new Recorder((_, _) => Json("""
            {"id":"msg_01","type":"message","role":"assistant","model":"test-model","content":[{"type":"text","text":"{\"claims\":[{\"file\":\"drivers/net/ethernet/acme/acme_main.c\",\"line\":30,\"kind\":\"lock-not-released\",\"confidence\":0.8,\"explanation\":\"wrong unlock\"}]}"}],
             "stop_reason":"end_turn","stop_sequence":null,"usage":{"input_tokens":120,"output_tokens":40}}
            """));
        var reviewer = ReviewEnvironmentLoader.ModelReviewerFor(Settings("anthropic", "https://anthropic.example/"), recorder);

        var run = await reviewer.ReviewAsync(Input(), CancellationToken.None);

        var (request, body) = Assert.Single(recorder.Seen);
        Assert.Equal("https://anthropic.example/v1/messages", request.RequestUri!.ToString());
        // The SDK decides how the key travels (x-api-key, or a bearer token in its newer versions): it must travel once.
        var keys = request.Headers.Where(h => h.Key is "x-api-key" or "Authorization").SelectMany(h => h.Value).ToList();
        Assert.Contains(Assert.Single(keys), new[] { "secret-key-123", "Bearer secret-key-123" });
        Assert.True(request.Headers.Contains("anthropic-version"));
        Assert.Contains("\"model\":\"test-model\"", body, StringComparison.Ordinal);
        Assert.Contains("\"find_function\"", body, StringComparison.Ordinal);
        Assert.Equal("lock-not-released", Assert.Single(Assert.Single(run.Answers!.Patches).Claims).Kind);
        Assert.Equal(120, run.Usage.InputTokens);
        Assert.Equal(40, run.Usage.OutputTokens);
    }

    [Fact]
    public async Task Azure_openai_takes_the_key_in_its_own_header_and_no_bearer()
    {
        var recorder = new Recorder((_, _) => Json("""
            {"id":"c1","object":"chat.completion","created":1,"model":"test-model","choices":[{"index":0,"message":{"role":"assistant","content":"{\"claims\":[]}"},"finish_reason":"stop"}],"usage":{"prompt_tokens":5,"completion_tokens":2,"total_tokens":7}}
            """));
        var reviewer = ReviewEnvironmentLoader.ModelReviewerFor(Settings("azure-openai", "https://res.openai.azure.com/openai/v1/", "api-key"), recorder);

        await reviewer.ReviewAsync(Input(), CancellationToken.None);

        var (request, _) = Assert.Single(recorder.Seen);
        Assert.Equal("https://res.openai.azure.com/openai/v1/chat/completions", request.RequestUri!.ToString());
        Assert.Equal("secret-key-123", request.Headers.GetValues("api-key").Single());
        Assert.False(request.Headers.Contains("Authorization"));
    }

    [Fact]
    public async Task A_server_error_is_retried_once_by_the_resilience_pipeline_not_by_the_sdk()
    {
        var calls = 0;
        var recorder = new Recorder((_, _) => ++calls == 1
            ? Json("""{"error":{"message":"boom","type":"server_error"}}""", HttpStatusCode.InternalServerError)
            : Json("""{"id":"c1","object":"chat.completion","created":1,"model":"test-model","choices":[{"index":0,"message":{"role":"assistant","content":"{\"claims\":[]}"},"finish_reason":"stop"}],"usage":{"prompt_tokens":5,"completion_tokens":2,"total_tokens":7}}"""));
        var settings = Settings("openai", "https://api.example/v1/");
        settings.Http.BaseDelay = TimeSpan.FromMilliseconds(10);
        var reviewer = ReviewEnvironmentLoader.ModelReviewerFor(settings, recorder);

        var run = await reviewer.ReviewAsync(Input(), CancellationToken.None);

        Assert.Equal(2, recorder.Seen.Count);
        Assert.Empty(run.Notes);
    }

    [Theory]
    [InlineData("bedrock", "https://x/", "m", "Provider 'bedrock'")]
    [InlineData("openai", "ftp://x/", "m", "is not an http(s) URL")]
    [InlineData("openai", "https://x/", "", "Llm:Model is not set")]
    public void Bad_settings_are_said_at_start_up_without_the_key(string provider, string endpoint, string model, string problem)
    {
        var settings = new KernelPrBotSettings { Llm = new LlmSettings { Enabled = true, Provider = provider, Endpoint = endpoint, Model = model, ApiKey = "secret-key-123" } };

        var problems = SettingsLoader.Problems(settings);

        Assert.Contains(problems, p => p.Contains(problem, StringComparison.Ordinal));
        Assert.DoesNotContain(problems, p => p.Contains("secret-key-123", StringComparison.Ordinal));
    }

    [Fact]
    public void With_the_stage_off_the_environment_has_no_model()
    {
        var settings = new KernelPrBotSettings { Llm = new LlmSettings { Endpoint = "https://x/", Model = "m" } };

        Assert.Null(ReviewEnvironmentLoader.Load(settings).ModelReviewer);
        Assert.DoesNotContain(SettingsLoader.Problems(settings), p => p.Contains("Llm", StringComparison.Ordinal));
    }
}
