using KernelPrBot.Hosting.Server;
using KernelPrBot.Testing;
using KernelPrBot.Testing.FakeGitHub;
using Microsoft.AspNetCore.Builder;

namespace KernelPrBot.EndToEnd.Tests;

/// <summary>
/// The real server (Kestrel, SQLite queue, workers, Octokit) configured only by settings to talk to a fake GitHub.
/// Without a queue path from the caller it keeps its queue in a temporary directory of its own, deleted on dispose.
/// </summary>
public sealed class BotServer : IAsyncDisposable
{
    public const string Secret = BotSettings.WebhookSecret;

    private readonly WebApplication _app;
    private readonly TempDirectory? _ownQueue;

    private BotServer(WebApplication app, Uri url, string queuePath, TempDirectory? ownQueue = null)
    {
        _app = app;
        Url = url;
        QueuePath = queuePath;
        _ownQueue = ownQueue;
    }

    public Uri Url { get; }

    public string QueuePath { get; }

    public Uri GitHubWebhooks => new(Url, "api/github/webhooks");

    public static string[] Settings(FakeGitHubServer github, string queuePath, params string[] extra) => BotSettings.For(github, queuePath, extra);

    public static Task<BotServer> StartAsync(FakeGitHubServer github, string? queuePath = null, params string[] extra) =>
        StartConfiguredAsync(github, null, queuePath, extra);

    /// <summary>As above, with <paramref name="configure"/> run on the builder (to capture logs, say).</summary>
    public static async Task<BotServer> StartConfiguredAsync(FakeGitHubServer github, Action<WebApplicationBuilder>? configure, string? queuePath = null, params string[] extra)
    {
        var ownQueue = queuePath is null ? new TempDirectory("e2e") : null;
        try
        {
            queuePath ??= ownQueue!.Combine("queue.db");
            var (app, url) = await KernelPrBotServer.StartAsync([.. Settings(github, queuePath, extra), "--urls=http://127.0.0.1:0"], configure);
            return new BotServer(app, url, queuePath, ownQueue);
        }
        catch
        {
            ownQueue?.Dispose();
            throw;
        }
    }

    /// <summary>Settings for a server with only GitLab configured, against a fake GitLab.</summary>
    public static string[] GitLabSettings(Uri gitlab, string token, string secret, string queuePath) =>
    [
        "--KernelPrBot:GitLab:Url=" + gitlab,
        "--KernelPrBot:GitLab:Token=" + token,
        "--KernelPrBot:GitLab:WebhookSecret=" + secret,
        "--KernelPrBot:Queue:Path=" + queuePath,
        "--KernelPrBot:Queue:PollInterval=00:00:00.050",
        "--KernelPrBot:Queue:VisibilityTimeout=00:00:03",
        "--KernelPrBot:Queue:RetryDelay=00:00:00.200",
        "--KernelPrBot:Http:MinWriteInterval=00:00:00.010",
    ];

    public static async Task<BotServer> StartGitLabAsync(Uri gitlab, string token, string secret, string queuePath, Action<WebApplicationBuilder>? configure = null, params string[] extra)
    {
        var (app, url) = await KernelPrBotServer.StartAsync([.. GitLabSettings(gitlab, token, secret, queuePath), .. extra, "--urls=http://127.0.0.1:0"], configure);
        return new BotServer(app, url, queuePath);
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
            _ownQueue?.Dispose();
        }
    }
}
