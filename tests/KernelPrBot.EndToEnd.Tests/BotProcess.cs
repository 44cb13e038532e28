using System.Diagnostics;
using KernelPrBot.Sandbox;
using KernelPrBot.Testing.FakeGitHub;

namespace KernelPrBot.EndToEnd.Tests;

/// <summary><c>kernel-pr-bot serve</c> as a separate process, so a test can kill it like an operator's OOM killer would.</summary>
internal sealed class BotProcess : IDisposable
{
    private readonly Process _process;

    private BotProcess(Process process, Uri url)
    {
        _process = process;
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
        var process = Process.Start(start) ?? throw new InvalidOperationException("could not start kernel-pr-bot");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var bot = new BotProcess(process, new Uri($"http://127.0.0.1:{port}/"));
        using var http = new HttpClient();
        await Eventually.HoldsAsync(() => !process.HasExited && ChaosBot.IsHealthyAsync(http, bot.Url).GetAwaiter().GetResult(), "kernel-pr-bot serve answers /healthz", seconds: 30);
        return bot;
    }

    public void Kill()
    {
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            Kill();
        }

        _process.Dispose();
    }
}
