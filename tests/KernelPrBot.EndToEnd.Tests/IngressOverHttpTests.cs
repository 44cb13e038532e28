using System.Net;
using System.Text;
using KernelPrBot.Testing;
using KernelPrBot.Testing.FakeGitHub;
using Xunit;

namespace KernelPrBot.EndToEnd.Tests;

/// <summary>What the real endpoint answers to bad input over HTTP: a clear 4xx or a 202, never a 500.</summary>
public sealed class IngressOverHttpTests : IAsyncLifetime, IDisposable
{
    private FakeGitHubServer _github = null!;
    private BotServer _bot = null!;
    private readonly HttpClient _http = new();

    public async Task InitializeAsync()
    {
        _github = await FakeGitHubServer.StartAsync();
        _bot = await BotServer.StartAsync(_github, null, "--KernelPrBot:Queue:Workers=0");
    }

    public async Task DisposeAsync()
    {
        await _bot.DisposeAsync();
        await _github.DisposeAsync();
    }

    public void Dispose() => _http.Dispose();

    private async Task<(HttpStatusCode Status, string Text)> PostAsync(byte[] body, string eventName = "pull_request", string? signature = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, _bot.GitHubWebhooks) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        request.Headers.Add("X-GitHub-Event", eventName);
        request.Headers.Add("X-GitHub-Delivery", Guid.NewGuid().ToString());
        request.Headers.Add("X-Hub-Signature-256", signature ?? GitHubWebhooks.Signature(body, BotServer.Secret));

        // With 100-continue the server can refuse an oversized body by its Content-Length before it is sent.
        request.Headers.ExpectContinue = body.Length > 1024 * 1024;
        using var response = await _http.SendAsync(request);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_wrong_signature_is_401()
    {
        var body = File.ReadAllBytes(TestPaths.Fixture("github", "webhooks", "pull_request.opened.json"));

        var (status, text) = await PostAsync(body, signature: GitHubWebhooks.Signature(body, "guess"));

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Contains("X-Hub-Signature-256", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Malformed_json_is_400_and_unhandled_events_are_202()
    {
        Assert.Equal(HttpStatusCode.BadRequest, (await PostAsync(Encoding.UTF8.GetBytes("{\"action\": \"opened\", "))).Status);
        Assert.Equal(HttpStatusCode.Accepted, (await PostAsync(Encoding.UTF8.GetBytes("{}"), eventName: "push")).Status);
        Assert.Equal(HttpStatusCode.Accepted, (await PostAsync(Encoding.UTF8.GetBytes("{\"zen\":\"Keep it logically awesome.\"}"), eventName: "ping")).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await PostAsync(Encoding.UTF8.GetBytes("{\"action\":\"opened\"}"))).Status);
    }

    [Fact]
    public async Task A_body_over_25_MB_is_refused_with_413()
    {
        var body = new byte[(26 * 1024 * 1024) + 3];

        var (status, _) = await PostAsync(body, signature: "sha256=" + new string('0', 64));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, status);
    }

    [Fact]
    public async Task Health_answers_ok()
    {
        Assert.Equal("ok\n", await _http.GetStringAsync(new Uri(_bot.Url, "healthz")));
    }
}
