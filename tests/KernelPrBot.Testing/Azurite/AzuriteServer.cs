using System.Diagnostics;
using System.Text.RegularExpressions;

namespace KernelPrBot.Testing.Azurite;

/// <summary>
/// A real Azurite (the Azure Storage emulator, npm <c>azurite</c>) in memory on free loopback ports, started for a
/// test class and stopped after it. Found in the repository's <c>.tools/azurite</c> (scripts/install-test-tools.sh
/// puts it there) or on PATH.
/// </summary>
public sealed partial class AzuriteServer : IAsyncDisposable
{
    // Azurite's well-known development account; it only ever exists inside the emulator.
    private const string Account = "devstoreaccount1";
    private const string Key = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    private static readonly Lazy<string?> Located = new(Locate);

    private readonly ChildProcess _process;
    private readonly TempDirectory _location;

    private AzuriteServer(ChildProcess process, TempDirectory location, int queuePort, int tablePort, int blobPort)
    {
        _process = process;
        _location = location;
        ConnectionString = $"DefaultEndpointsProtocol=http;AccountName={Account};AccountKey={Key};" +
            $"BlobEndpoint=http://127.0.0.1:{blobPort}/{Account};QueueEndpoint=http://127.0.0.1:{queuePort}/{Account};TableEndpoint=http://127.0.0.1:{tablePort}/{Account};";
    }

    /// <summary>The azurite launcher, or null when it is not installed.</summary>
    public static string? Executable => Located.Value;

    public static bool RequiredByCi => KernelTree.RequiredByCi;

    public string ConnectionString { get; }

    public static async Task<AzuriteServer> StartAsync()
    {
        var executable = Executable ?? throw new InvalidOperationException(
            "azurite not found in .tools/azurite or on PATH; run scripts/install-test-tools.sh (npm install --prefix .tools/azurite azurite@3.37.0)");
        var location = new TempDirectory("azurite");
        var start = new ProcessStartInfo(executable,
        [
            "--inMemoryPersistence", "--extentMemoryLimit", "256", "--silent", "--skipApiVersionCheck", "--loose",
            "--blobHost", "127.0.0.1", "--blobPort", "0",
            "--queueHost", "127.0.0.1", "--queuePort", "0",
            "--tableHost", "127.0.0.1", "--tablePort", "0",
        ])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            // In-memory storage cannot be combined with --location; the working folder catches anything else it writes.
            WorkingDirectory = location.Path,
        };
        ChildProcess child;
        try
        {
            child = ChildProcess.Start(start);
        }
        catch
        {
            location.Dispose();
            throw;
        }

        var process = child.Process;
        var ports = new Dictionary<string, int>();
        var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var output = new System.Collections.Concurrent.ConcurrentQueue<string>();
        process.OutputDataReceived += (_, e) => OnLine(e.Data);
        process.ErrorDataReceived += (_, e) => OnLine(e.Data);
        process.EnableRaisingEvents = true;
        process.Exited += (_, _) => ready.TrySetException(new InvalidOperationException("azurite exited"));
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        // Port 0 lets the system pick free ports; Azurite prints the ones it bound.
        void OnLine(string? line)
        {
            if (line is null)
            {
                return;
            }

            output.Enqueue(line);
            if (Listening().Match(line) is { Success: true } m)
            {
                lock (ports)
                {
                    ports[m.Groups["service"].Value] = int.Parse(m.Groups["port"].Value);
                    if (ports.Count == 3)
                    {
                        ready.TrySetResult();
                    }
                }
            }
        }

        var server = new AzuriteServer(child, location, 0, 0, 0);
        try
        {
            await ready.Task.WaitAsync(StartTimeout).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is TimeoutException or InvalidOperationException)
        {
            await server.DisposeAsync().ConfigureAwait(false);
            throw new InvalidOperationException("azurite did not report its ports:\n" + string.Join("\n", output));
        }

        return new AzuriteServer(child, location, ports["Queue"], ports["Table"], ports["Blob"]);
    }

    public ValueTask DisposeAsync()
    {
        _process.Dispose();
        _location.Dispose();
        return ValueTask.CompletedTask;
    }

    private static string? Locate()
    {
        try
        {
            var inRepo = TestPaths.InRepo(".tools", "azurite", "node_modules", ".bin", "azurite");
            if (File.Exists(inRepo))
            {
                return inRepo;
            }
        }
        catch (InvalidOperationException)
        {
            // Not inside the repository; PATH may still have it.
        }

        return (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, "azurite"))
            .FirstOrDefault(File.Exists);
    }

    [GeneratedRegex(@"Azurite (?<service>Blob|Queue|Table) service is successfully listening at http://[^:]+:(?<port>\d+)")]
    private static partial Regex Listening();
}
