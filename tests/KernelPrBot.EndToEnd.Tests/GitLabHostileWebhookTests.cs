using System.Net;
using System.Text;
using KernelPrBot.Testing;
using KernelPrBot.Testing.FakeGitHub;
using KernelPrBot.Testing.FakeGitLab;
using Xunit;

namespace KernelPrBot.EndToEnd.Tests;

/// <summary>Forged, replayed and malformed GitLab hooks over HTTP: each a documented 4xx (or 2xx), none queues work it should not.</summary>
public sealed class GitLabHostileWebhookTests : IAsyncLifetime, IDisposable
{
    private const string Token = "gitlab-hostile-secret";
    private readonly HttpClient _http = new();
    private readonly TempDirectory _temp = new("gl-hostile");
    private FakeGitLabServer _gitlab = null!;
    private BotServer _bot = null!;
    private GitLabDelivery _good = null!;

    private Uri Hooks => new(_bot.Url, "api/gitlab/webhooks");

    public async Task InitializeAsync()
    {
        _gitlab = await FakeGitLabServer.StartAsync();
        _bot = await BotServer.StartGitLabAsync(_gitlab.BaseUrl, _gitlab.Options.BotToken, Token, _temp.Combine("queue.db"), null, "--KernelPrBot:Queue:Workers=0");
        var project = _gitlab.AddProject("acme/linux");
        var mr = project.OpenMergeRequest(9, "net: acme: rx buffer", "jane",
            new Dictionary<string, string> { [SampleDriver.DriverPath] = SampleDriver.Base },
            [new FakeCommit(SampleDriver.AddMessage, "Jane Developer", "jane@example.org", new Dictionary<string, string?> { [SampleDriver.DriverPath] = SampleDriver.Buggy })]);
        _good = GitLabWebhooks.MergeRequest("open", project, mr, Token);
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

    /// <summary>Under a fresh Idempotency-Key, so only what is under test can make it a duplicate.</summary>
    private Task<(HttpStatusCode Status, string Text)> PostAsync(byte[] body, IReadOnlyDictionary<string, string> headers) =>
        RawPost.SendAsync(_http, Hooks, body, RawPost.With(headers, "Idempotency-Key", Guid.NewGuid().ToString()));

    private Task<long> QueuedAsync() => QueueFile.QueuedAsync(_bot.QueuePath);

    public static TheoryData<string?> BadTokens() => [null, "", Token[..^1], Token[..^1] + "u", Token + "x", Token.ToUpperInvariant()];

    [Theory]
    [MemberData(nameof(BadTokens))]
    public async Task A_missing_or_nearly_right_token_is_401_and_queues_nothing(string? token)
    {
        var (status, _) = await PostAsync(_good.Body, RawPost.With(_good.Headers, "X-Gitlab-Token", token));

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Equal(0, await QueuedAsync());
    }

    [Fact]
    public async Task A_replayed_hook_is_a_duplicate_and_queues_nothing_new()
    {
        var first = await RawPost.SendAsync(_http, Hooks, _good.Body, _good.Headers);
        var queued = await QueuedAsync();

        var replay = await RawPost.SendAsync(_http, Hooks, _good.Body, _good.Headers);

        Assert.Equal(HttpStatusCode.Accepted, first.Status);
        Assert.Equal(HttpStatusCode.Accepted, replay.Status);
        Assert.Contains("duplicate", replay.Text, StringComparison.Ordinal);
        Assert.Equal(1, queued);
        Assert.Equal(queued, await QueuedAsync());
    }

    [Fact]
    public async Task Hostile_bodies_get_4xx_never_5xx_and_the_server_keeps_answering()
    {
        var formBody = Encoding.UTF8.GetBytes("payload=" + Uri.EscapeDataString(Encoding.UTF8.GetString(_good.Body)));
        var cases = new (string What, byte[] Body, string ContentType, HttpStatusCode Expected)[]
        {
            ("nested 10,000 deep", RawPost.Nested(10_000), "application/json", HttpStatusCode.BadRequest),
            ("form-encoded", formBody, "application/x-www-form-urlencoded", HttpStatusCode.BadRequest),
            ("empty", [], "application/json", HttpStatusCode.BadRequest),

            // GitLab always sends JSON and the token is the authentication, so the declared type is not checked.
            ("JSON as text/plain", _good.Body, "text/plain", HttpStatusCode.Accepted),

            // Well-formed, but no merge request in it: a hook GitLab would not send, answered 400 without queueing.
            ("a 10 MB string", RawPost.HugeString(10_000_000), "application/json", HttpStatusCode.BadRequest),
        };

        foreach (var (what, body, type, expected) in cases)
        {
            var (status, text) = await PostAsync(body, RawPost.With(_good.Headers, "Content-Type", type));
            Assert.True(status == expected, $"{what}: {(int)status} {text}");
        }

        Assert.Equal(1, await QueuedAsync());
        Assert.Equal("ok\n", await _http.GetStringAsync(new Uri(_bot.Url, "healthz")));
    }

    [Fact]
    public async Task A_body_of_25_MB_and_one_byte_is_413_and_the_server_keeps_answering()
    {
        var body = new byte[(25 * 1024 * 1024) + 1];

        var (status, _) = await PostAsync(body, _good.Headers);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, status);
        Assert.Equal(HttpStatusCode.Accepted, (await PostAsync(_good.Body, _good.Headers)).Status);
    }
}
