using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using KernelPrBot.Testing;

namespace KernelPrBot.Sandbox;

/// <summary>
/// <c>kernel-pr-bot serve</c> as a child process on a fixed queue file, with production-like retry settings, so a
/// SIGKILL hits it the way an OOM killer would. Its output goes to a log file next to the queue. Disposing kills
/// the process tree, and so does the end of this process should a run fail before it disposes.
/// The retry settings are production's shape scaled to the fake's 1 s waits and 3 s stalls: a call gets 4 retries
/// from 100 ms, an attempt 2 s; a job 5 attempts from 500 ms (0.5, 1, 2, 4 s apart); a lease lasts 5 s.
/// Four workers, as a small self-hosted pool would run: the jobs mostly wait on the forge, not the CPU.
/// </summary>
internal sealed class ChaosBot : IDisposable
{
    private readonly ChildProcess _child;

    private ChaosBot(ChildProcess child, Uri url, Uri webhooks)
    {
        _child = child;
        Url = url;
        Webhooks = webhooks;
    }

    public static IReadOnlyList<string> RetrySettings { get; } =
    [
        "--KernelPrBot:Http:MaxRetries=4",
        "--KernelPrBot:Http:BaseDelay=00:00:00.100",
        "--KernelPrBot:Http:AttemptTimeout=00:00:02", // the fake's stalls last 3 s
        "--KernelPrBot:Http:MinWriteInterval=00:00:00.010",
        "--KernelPrBot:Queue:MaxAttempts=5",
        "--KernelPrBot:Queue:RetryDelay=00:00:00.500",
        "--KernelPrBot:Queue:VisibilityTimeout=00:00:05",
        "--KernelPrBot:Queue:PollInterval=00:00:00.050",
        "--KernelPrBot:Queue:ReportSweepInterval=00:00:01",
        "--KernelPrBot:Queue:ReportLease=00:00:10",
        "--KernelPrBot:Queue:Workers=4",
    ];

    public Uri Webhooks { get; }

    private Uri Url { get; }

    public static async Task<ChaosBot> StartAsync(IChaosForge forge, string queuePath, TextWriter log)
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
        foreach (var setting in forge.BotSettings(queuePath).Concat(RetrySettings).Append($"--urls=http://127.0.0.1:{port}"))
        {
            start.ArgumentList.Add(setting);
        }

        var url = new Uri($"http://127.0.0.1:{port}/");
        var bot = new ChaosBot(ChildProcess.Start(start), url, new Uri(url, forge.WebhookPath));
        try
        {
            var process = bot._child.Process;
            process.OutputDataReceived += (_, e) => Write(log, e.Data);
            process.ErrorDataReceived += (_, e) => Write(log, e.Data);
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
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
        catch
        {
            bot.Dispose(); // the caller never gets it, so nothing else would
            throw;
        }
    }

    /// <summary>SIGKILL: no shutdown hooks, leases left as they are.</summary>
    public void Dispose() => _child.Dispose();

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

    /// <summary>True when the server at <paramref name="url"/> answers /healthz (shared with the end-to-end tests' child server).</summary>
    internal static async Task<bool> IsHealthyAsync(HttpClient http, Uri url)
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

    internal static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
