using System.Diagnostics;
using KernelPrBot.Sandbox;
using KernelPrBot.Testing;
using KernelPrBot.Testing.FakeGitHub;

namespace KernelPrBot.EndToEnd.Tests;

/// <summary>
/// <c>kernel-pr-bot serve</c> as a separate process, so a test can kill it like an operator's OOM killer would.
/// Use it with <c>using</c>: disposing kills the process tree whether the test passed or not.
/// </summary>
internal sealed class BotProcess : IDisposable
{
    private readonly ChildProcess _child;

    private BotProcess(ChildProcess child, Uri url)
    {
        _child = child;
        Url = url;
    }

    public Uri Url { get; }

    public Uri GitHubWebhooks => new(Url, "api/github/webhooks");

    public static Task<BotProcess> StartAsync(FakeGitHubServer github, string queuePath) =>
        StartAsync(BotServer.Settings(github, queuePath));

    public static async Task<BotProcess> StartAsync(IEnumerable<string> settings)
    {
        var port = ChaosBot.FreePort();
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "kernel-pr-bot.dll"));
        start.ArgumentList.Add("serve");
        foreach (var setting in settings)
        {
            start.ArgumentList.Add(setting);
        }

        start.ArgumentList.Add($"--urls=http://127.0.0.1:{port}");
        var bot = new BotProcess(ChildProcess.Start(start), new Uri($"http://127.0.0.1:{port}/"));
        try
        {
            var process = bot._child.Process;
            process.OutputDataReceived += (_, _) => { };
            process.ErrorDataReceived += (_, _) => { };
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            using var http = new HttpClient();
            await Eventually.HoldsAsync(() => !process.HasExited && ChaosBot.IsHealthyAsync(http, bot.Url).GetAwaiter().GetResult(), "kernel-pr-bot serve answers /healthz", seconds: 30);
            return bot;
        }
        catch
        {
            bot.Dispose(); // the caller never gets it, so nothing else would
            throw;
        }
    }

    /// <summary>SIGKILL, as the OOM killer would; safe to call again and after <see cref="Dispose"/>.</summary>
    public void Kill() => _child.Kill();

    public void Dispose() => _child.Dispose();
}
