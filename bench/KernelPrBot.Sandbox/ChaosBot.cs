using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using KernelPrBot.Testing.FakeGitHub;

namespace KernelPrBot.Sandbox;

/// <summary>
/// <c>kernel-pr-bot serve</c> as a child process on a fixed queue file, with production-like retry settings, so a
/// SIGKILL hits it the way an OOM killer would. Its output goes to a log file next to the queue.
/// </summary>
internal sealed class ChaosBot : IDisposable
{
    private readonly Process _process;

    private ChaosBot(Process process, Uri url)
    {
        _process = process;
        Url = url;
    }

    public Uri Webhooks => new(Url, "api/github/webhooks");

    private Uri Url { get; }

    public static async Task<ChaosBot> StartAsync(FakeGitHubServer github, string queuePath, TextWriter log)
    {
        var port = FreePort();
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "kernel-pr-bot.dll"));
        start.ArgumentList.Add("serve");
        foreach (var setting in BotSettings.For(github, queuePath,
            "--KernelPrBot:Http:MaxRetries=4",
            "--KernelPrBot:Http:BaseDelay=00:00:00.100",
            "--KernelPrBot:Http:AttemptTimeout=00:00:02", // the fake's stalls last 3 s
            "--KernelPrBot:Queue:MaxAttempts=5",
            "--KernelPrBot:Queue:RetryDelay=00:00:00.500",
            "--KernelPrBot:Queue:VisibilityTimeout=00:00:05",
            $"--urls=http://127.0.0.1:{port}"))
        {
            start.ArgumentList.Add(setting);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("could not start kernel-pr-bot");
        process.OutputDataReceived += (_, e) => Write(log, e.Data);
        process.ErrorDataReceived += (_, e) => Write(log, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var bot = new ChaosBot(process, new Uri($"http://127.0.0.1:{port}/"));
        using var http = new HttpClient();
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!await IsHealthyAsync(http, bot.Url))
        {
            if (process.HasExited || DateTime.UtcNow > deadline)
            {
                throw new InvalidOperationException("kernel-pr-bot serve did not answer /healthz");
            }

            await Task.Delay(50);
        }

        return bot;
    }

    /// <summary>SIGKILL: no shutdown hooks, leases left as they are.</summary>
    public void Kill()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        _process.WaitForExit();
    }

    public void Dispose()
    {
        Kill();
        _process.Dispose();
    }

    private static void Write(TextWriter log, string? line)
    {
        if (line is not null)
        {
            lock (log)
            {
                log.WriteLine(line);
            }
        }
    }

    private static async Task<bool> IsHealthyAsync(HttpClient http, Uri url)
    {
        try
        {
            using var response = await http.GetAsync(new Uri(url, "healthz"));
            return response.StatusCode == HttpStatusCode.OK;
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
