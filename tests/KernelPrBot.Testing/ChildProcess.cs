using System.Collections.Concurrent;
using System.Diagnostics;

namespace KernelPrBot.Testing;

/// <summary>
/// A process started by a test or a fixture, killed with its whole process tree on dispose, so a failing test cannot
/// leave it running. Children still alive when the test process exits (a test that never reached its dispose) are
/// killed then.
/// </summary>
public sealed class ChildProcess : IDisposable
{
    private static readonly ConcurrentDictionary<ChildProcess, byte> Alive = new();

    // Kill may come from another thread (a fake's request callback) while the test disposes.
    private readonly Lock _gate = new();
    private bool _disposed;

    static ChildProcess() => AppDomain.CurrentDomain.ProcessExit += (_, _) =>
    {
        foreach (var child in Alive.Keys)
        {
            child.Dispose();
        }
    };

    private ChildProcess(Process process)
    {
        Process = process;
        Alive.TryAdd(this, 0);
    }

    public Process Process { get; }

    public static ChildProcess Start(ProcessStartInfo start)
    {
        ArgumentNullException.ThrowIfNull(start);

        // A SIGKILLed .NET process cannot remove its diagnostics pipes (/tmp/clr-debug-pipe-*, /tmp/dotnet-diagnostic-*);
        // nothing attaches a debugger to a test's children, so they open none.
        start.Environment.TryAdd("DOTNET_EnableDiagnostics", "0");
        return new ChildProcess(Process.Start(start) ?? throw new InvalidOperationException($"could not start {start.FileName}"));
    }

    /// <summary>SIGKILL to the process and everything it started; returns once the process is gone.</summary>
    public void Kill()
    {
        lock (_gate)
        {
            if (!_disposed)
            {
                KillTree();
            }
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            KillTree();
            Process.Dispose();
        }

        Alive.TryRemove(this, out _);
    }

    private void KillTree()
    {
        try
        {
            Process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // It had exited already.
        }

        Process.WaitForExit(TimeSpan.FromSeconds(30));
    }
}
