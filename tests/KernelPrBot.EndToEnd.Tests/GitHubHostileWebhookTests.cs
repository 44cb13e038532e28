using System.Net;
using System.Text;
using KernelPrBot.Testing.FakeGitHub;
using Xunit;

namespace KernelPrBot.EndToEnd.Tests;

/// <summary>Forged, replayed and malformed GitHub deliveries over HTTP: each a documented 4xx (or 2xx), none queues work it should not.</summary>
public sealed class GitHubHostileWebhookTests : IAsyncLifetime, IDisposable
{
    private readonly HttpClient _http = new();
    private FakeGitHubServer _github = null!;
    private BotServer _bot = null!;
    private WebhookDelivery _good = null!;

    public async Task InitializeAsync()
    {
        _github = await FakeGitHubServer.StartAsync();
        _bot = await BotServer.StartAsync(_github, null, "--KernelPrBot:Queue:Workers=0");
        var s = new PullRequestScenario(_github);
        _good = GitHubWebhooks.PullRequest("opened", s.Repo, s.Pr, BotServer.Secret);
    }

    public async Task DisposeAsync()
    {
        await _bot.DisposeAsync();
        await _github.DisposeAsync();
    }

    public void Dispose() => _http.Dispose();

    private Task<(HttpStatusCode Status, string Text)> PostAsync(byte[] body, IReadOnlyDictionary<string, string> headers) =>
        RawPost.SendAsync(_http, _bot.GitHubWebhooks, body, RawPost.With(headers, "X-GitHub-Delivery", Guid.NewGuid().ToString()));

    /// <summary>The delivery's headers with a valid signature for <paramref name="body"/>.</summary>
    private Dictionary<string, string> Signed(byte[] body, string contentType = "application/json") =>
        RawPost.With(RawPost.With(_good.Headers, "X-Hub-Signature-256", GitHubWebhooks.Signature(body, BotServer.Secret)), "Content-Type", contentType);

    private Task<long> QueuedAsync() => QueueFile.QueuedAsync(_bot.QueuePath);

    public static TheoryData<string> BadSignatures() =>
    [
        "missing",
        "sha256=",
        "sha256=" + new string('a', 63),
        "sha256=" + new string('a', 65),
        "sha256=" + new string('z', 64),
        "sha1=" + new string('a', 40),
        "right signature, other body",
    ];

    [Theory]
    [MemberData(nameof(BadSignatures))]
    public async Task A_missing_or_malformed_or_foreign_signature_is_401_and_queues_nothing(string signature)
    {
        var header = signature switch
        {
            "missing" => null,
            "right signature, other body" => GitHubWebhooks.Signature(Encoding.UTF8.GetBytes("{}"), BotServer.Secret),
            _ => signature,
        };

        var (status, _) = await PostAsync(_good.Body, RawPost.With(_good.Headers, "X-Hub-Signature-256", header));

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Equal(0, await QueuedAsync());
    }

    [Fact]
    public async Task Uppercase_hex_is_the_same_HMAC_and_is_accepted()
    {
        var upper = "sha256=" + GitHubWebhooks.Signature(_good.Body, BotServer.Secret)["sha256=".Length..].ToUpperInvariant();

        var (status, _) = await PostAsync(_good.Body, RawPost.With(_good.Headers, "X-Hub-Signature-256", upper));

        Assert.Equal(HttpStatusCode.Accepted, status);
    }

    [Fact]
    public async Task A_replayed_delivery_is_a_duplicate_and_queues_nothing_new()
    {
        var first = await RawPost.SendAsync(_http, _bot.GitHubWebhooks, _good.Body, _good.Headers);
        var queued = await QueuedAsync();

        var replay = await RawPost.SendAsync(_http, _bot.GitHubWebhooks, _good.Body, _good.Headers);

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
            ("text/plain", _good.Body, "text/plain", HttpStatusCode.BadRequest),
            ("form-encoded", formBody, "application/x-www-form-urlencoded", HttpStatusCode.BadRequest),
            ("empty", [], "application/json", HttpStatusCode.BadRequest),
            ("a 10 MB string", RawPost.HugeString(10_000_000), "application/json", HttpStatusCode.BadRequest),
        };

        foreach (var (what, body, type, expected) in cases)
        {
            var (status, text) = await PostAsync(body, Signed(body, type));
            Assert.True(status == expected, $"{what}: {(int)status} {text}");
        }

        Assert.Equal(0, await QueuedAsync());
        Assert.Equal("ok\n", await _http.GetStringAsync(new Uri(_bot.Url, "healthz")));
        Assert.Equal(HttpStatusCode.Accepted, (await PostAsync(_good.Body, _good.Headers)).Status);
    }

    [Fact]
    public async Task A_body_of_25_MB_and_one_byte_is_413_and_the_server_keeps_answering()
    {
        var body = new byte[(25 * 1024 * 1024) + 1];

        var (status, _) = await PostAsync(body, Signed(body));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, status);
        Assert.Equal(HttpStatusCode.Accepted, (await PostAsync(_good.Body, _good.Headers)).Status);
    }
}
