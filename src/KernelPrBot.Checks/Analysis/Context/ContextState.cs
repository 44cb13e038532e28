using System.Collections.Immutable;
using KernelPrBot.Checks.Kernel;

namespace KernelPrBot.Checks.Analysis.Context;

/// <summary>
/// What is known on one path through a function: held locks (innermost last), locks released so far, branch
/// conditions already decided, and results of conditional acquisitions stored in variables.
/// </summary>
public sealed record ContextState(
    ImmutableList<HeldLock> Held,
    ImmutableHashSet<string> Released,
    ImmutableDictionary<string, bool> Assumptions,
    ImmutableDictionary<string, PendingAcquire> Pending)
{
    private string? _signature;
    private string? _core;

    // A copy made by 'with' must not keep the signature of the state it was copied from.
    private ContextState(ContextState original)
    {
        Held = original.Held;
        Released = original.Released;
        Assumptions = original.Assumptions;
        Pending = original.Pending;
    }

    public static ContextState Empty { get; } = new([], [], ImmutableDictionary<string, bool>.Empty, ImmutableDictionary<string, PendingAcquire>.Empty);

    public bool IsAtomic => Held.Any(h => h.Kind.IsAtomic());

    public bool InRcuReadSection => Held.Any(h => h.Kind == LockKind.Rcu);

    /// <summary>The innermost lock or section that makes this path atomic.</summary>
    public HeldLock? AtomicCause => Held.LastOrDefault(h => h.Kind.IsAtomic());

    /// <summary>Identifies equal states so that paths reaching a point in the same state are walked once.</summary>
    public string Signature => _signature ??=
        Core + "|" + string.Join(",", Assumptions.OrderBy(a => a.Key, StringComparer.Ordinal).Select(a => a.Key + "=" + a.Value));

    /// <summary>The state without its branch assumptions: locks held and released, pending acquisitions.</summary>
    public string Core => _core ??=
        string.Join(",", Held.Select(h => h.Key + "/" + h.Line)) + "|" + string.Join(",", Released.Order(StringComparer.Ordinal)) + "|" +
        string.Join(",", Pending.Keys.Order(StringComparer.Ordinal));
}
