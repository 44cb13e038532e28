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

    internal int Count => _gates.Count;

    /// <summary>Waits for the key's gate and holds it; release it with <see cref="Gate.Lock"/>.</summary>
    public async Task<Gate> EnterAsync(string key, CancellationToken cancellationToken)
    {
        if (_gates.Count > PruneAbove)
        {
            Prune();
        }

        while (true)
        {
            var gate = _gates.GetOrAdd(key, static _ => new Gate());
            await gate.Lock.WaitAsync(cancellationToken).ConfigureAwait(false);
            // A gate pruned while we waited for it no longer guards the key; take the current one.
            if (_gates.TryGetValue(key, out var current) && ReferenceEquals(current, gate))
            {
                return gate;
            }

            gate.Lock.Release();
        }
    }

    private void Prune()
    {
        foreach (var (key, gate) in _gates)
        {
            // Only a gate nobody holds is removed, and it is held while being removed.
            if (gate.Lock.Wait(0))
            {
                _gates.TryRemove(new KeyValuePair<string, Gate>(key, gate));
                gate.Lock.Release();
            }
        }
    }

    [SuppressMessage("Design", "CA1001", Justification = "SemaphoreSlim holds unmanaged resources only once its wait handle is used, which it never is here.")]
    internal sealed class Gate
    {
        public SemaphoreSlim Lock { get; } = new(1, 1);

        /// <summary>TimeProvider timestamp of the end of the last write; null before the first.</summary>
        public long? LastEnd { get; set; }
    }
}
