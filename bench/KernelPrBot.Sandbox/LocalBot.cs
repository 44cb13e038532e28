using KernelPrBot.Hosting.Server;
using KernelPrBot.Testing.FakeGitHub;
using Microsoft.AspNetCore.Builder;

namespace KernelPrBot.Sandbox;

/// <summary>The real server on loopback, configured to talk to a fake GitHub.</summary>
internal sealed class LocalBot : IAsyncDisposable
{
    private readonly WebApplication _app;

    private LocalBot(WebApplication app, Uri url)
    {
        _app = app;
        Url = url;
    }

    public Uri Url { get; }

    public Uri Webhooks => new(Url, "api/github/webhooks");

    public static async Task<LocalBot> StartAsync(FakeGitHubServer github, params string[] extra)
    {
        var queue = Path.Combine(Path.GetTempPath(), $"kpb-sandbox-{Guid.NewGuid():N}.db");
        var (app, url) = await KernelPrBotServer.StartAsync([.. BotSettings.For(github, queue, extra), "--urls=http://127.0.0.1:0", "--Logging:LogLevel:Default=Warning"]);
        return new LocalBot(app, url);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
