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

    private readonly TaskCompletionSource<Uri> _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private BotProcess(ChildProcess child) => _child = child;

    /// <summary>The address the child bound. It is read from its own "Now listening on:" line: a port chosen by the test
    /// and freed before the child binds it can be taken by another test's server in between.</summary>
    public Uri Url => _listening.Task.IsCompletedSuccessfully ? _listening.Task.Result : throw new InvalidOperationException("the server has not bound yet");

    public Uri GitHubWebhooks => new(Url, "api/github/webhooks");

    public static Task<BotProcess> StartAsync(FakeGitHubServer github, string queuePath) =>
        StartAsync(BotServer.Settings(github, queuePath));

    public static async Task<BotProcess> StartAsync(IEnumerable<string> settings)
    {
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

        start.ArgumentList.Add("--Logging:LogLevel:Microsoft.Hosting.Lifetime=Information"); // prints the bound address
        start.ArgumentList.Add("--urls=http://127.0.0.1:0");
        var bot = new BotProcess(ChildProcess.Start(start));
        try
        {
            var process = bot._child.Process;
            process.OutputDataReceived += (_, e) => bot.ReadAddress(e.Data);
            process.ErrorDataReceived += (_, _) => { };
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            var url = await bot._listening.Task.WaitAsync(TimeSpan.FromSeconds(30));
            using var http = new HttpClient();
            await Eventually.HoldsAsync(() => !process.HasExited && ChaosBot.IsHealthyAsync(http, url).GetAwaiter().GetResult(), "kernel-pr-bot serve answers /healthz", seconds: 30);
            return bot;
        }
        catch
        {
            bot.Dispose(); // the caller never gets it, so nothing else would
            throw;
        }
    }

    private void ReadAddress(string? line)
    {
        const string Marker = "Now listening on: ";
        var at = line?.IndexOf(Marker, StringComparison.Ordinal) ?? -1;
        if (at >= 0)
        {
            _listening.TrySetResult(new Uri(line![(at + Marker.Length)..].Trim().TrimEnd('/') + "/"));
        }
    }

    /// <summary>SIGKILL, as the OOM killer would; safe to call again and after <see cref="Dispose"/>.</summary>
    public void Kill() => _child.Kill();

    public void Dispose() => _child.Dispose();
}
