using System.Net;
using KernelPrBot.Testing.FakeGitHub;
using Xunit;

namespace KernelPrBot.EndToEnd.Tests;

/// <summary>A fake GitHub and the real server pointed at it, fresh for each test; deliveries must be accepted.</summary>
public abstract class GitHubBotTest : IAsyncLifetime, IDisposable
{
    protected FakeGitHubServer GitHub { get; private set; } = null!;

    protected BotServer Bot { get; private set; } = null!;

    protected HttpClient Http { get; } = new();

    public async Task InitializeAsync()
    {
        GitHub = await FakeGitHubServer.StartAsync();
        Bot = await BotServer.StartAsync(GitHub);
        Eventually.Diagnostics = () => string.Join("\n", GitHub.Requests.TakeLast(15).Select(r => $"{r} {r.ResponseBody?[..Math.Min(300, r.ResponseBody.Length)]}").Concat(GitHub.Violations));
    }

    public async Task DisposeAsync()
    {
        await Bot.DisposeAsync();
        await GitHub.DisposeAsync();
    }

    public void Dispose()
    {
        Http.Dispose();
        GC.SuppressFinalize(this);
    }

    protected async Task<HttpResponseMessage> DeliverAsync(WebhookDelivery delivery)
    {
        var response = await GitHubWebhooks.PostAsync(Http, Bot.GitHubWebhooks, delivery);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return response;
    }
}
