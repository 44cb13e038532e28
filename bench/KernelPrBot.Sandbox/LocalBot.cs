using KernelPrBot.Hosting.Server;
using KernelPrBot.Testing;
using KernelPrBot.Testing.FakeGitHub;
using Microsoft.AspNetCore.Builder;

namespace KernelPrBot.Sandbox;

/// <summary>The real server on loopback, configured to talk to a fake GitHub; its queue file goes when it is disposed.</summary>
internal sealed class LocalBot : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly TempDirectory _queue;

    private LocalBot(WebApplication app, Uri url, TempDirectory queue)
    {
        _app = app;
        Url = url;
        _queue = queue;
    }

    public Uri Url { get; }

    public Uri Webhooks => new(Url, "api/github/webhooks");

    public static async Task<LocalBot> StartAsync(FakeGitHubServer github, params string[] extra)
    {
        var queue = new TempDirectory("sandbox");
        try
        {
            var (app, url) = await KernelPrBotServer.StartAsync([.. BotSettings.For(github, queue.Combine("queue.db"), extra), "--urls=http://127.0.0.1:0", "--Logging:LogLevel:Default=Warning"]);
            return new LocalBot(app, url, queue);
        }
        catch
        {
            queue.Dispose();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
        finally
        {
            _queue.Dispose();
        }
    }
}
