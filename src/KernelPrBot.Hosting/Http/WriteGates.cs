using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;

namespace KernelPrBot.Hosting.Http;

/// <summary>
/// One gate per installation, shared by every forge client in the process, so that writes of one
/// installation are serialised even when several clients (one per job) talk for it.
/// </summary>
internal sealed class WriteGates
{
    public static readonly WriteGates Shared = new();

    // Installation tokens rotate hourly, so keys come and go; idle gates are dropped past this many.
    private const int PruneAbove = 1024;

    private readonly ConcurrentDictionary<string, Gate> _gates = new(StringComparer.Ordinal);

    public Gate For(string key)
    {
        if (_gates.Count > PruneAbove)
        {
            Prune();
        }

        return _gates.GetOrAdd(key, static _ => new Gate());
    }

    private void Prune()
    {
        foreach (var (key, gate) in _gates)
        {
            if (gate.IsIdle)
            {
                _gates.TryRemove(new KeyValuePair<string, Gate>(key, gate));
            }
        }
    }

    [SuppressMessage("Design", "CA1001", Justification = "SemaphoreSlim holds unmanaged resources only once its wait handle is used, which it never is here.")]
    internal sealed class Gate
    {
        public SemaphoreSlim Lock { get; } = new(1, 1);

        /// <summary>TimeProvider timestamp of the end of the last write; null before the first.</summary>
        public long? LastEnd { get; set; }

        public bool IsIdle => Lock.CurrentCount == 1;
    }
}
