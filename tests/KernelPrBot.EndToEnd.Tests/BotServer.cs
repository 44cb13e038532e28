using KernelPrBot.Hosting.Server;
using KernelPrBot.Testing.FakeGitHub;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace KernelPrBot.EndToEnd.Tests;

/// <summary>The real server (Kestrel, SQLite queue, workers, Octokit) configured only by settings to talk to a fake GitHub.</summary>
internal sealed class BotServer : IAsyncDisposable
{
    public const string Secret = BotSettings.WebhookSecret;

    private readonly WebApplication _app;

    private BotServer(WebApplication app, Uri url, string queuePath)
    {
        _app = app;
        Url = url;
        QueuePath = queuePath;
    }

    public Uri Url { get; }

    public string QueuePath { get; }

    public Uri GitHubWebhooks => new(Url, "api/github/webhooks");

    public static string[] Settings(FakeGitHubServer github, string queuePath, params string[] extra) => BotSettings.For(github, queuePath, extra);

    public static async Task<BotServer> StartAsync(FakeGitHubServer github, string? queuePath = null, params string[] extra)
    {
        queuePath ??= Path.Combine(Path.GetTempPath(), $"kpb-e2e-{Guid.NewGuid():N}.db");
        var app = KernelPrBotServer.Build([.. Settings(github, queuePath, extra), "--urls=http://127.0.0.1:0"]);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new BotServer(app, new Uri(address.TrimEnd('/') + "/"), queuePath);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
