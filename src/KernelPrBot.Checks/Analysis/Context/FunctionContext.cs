using KernelPrBot.Checks.Source;

namespace KernelPrBot.Checks.Analysis.Context;

/// <summary>The result of walking every path of one function: calls with their states, exits, lock events.</summary>
public sealed record FunctionContext(
    FunctionDefinition Function,
    EntryContext? Entry,
    IReadOnlyList<CallSite> Calls,
    IReadOnlyList<ReturnSite> Returns,
    IReadOnlyList<LockEvent> Events)
{
    /// <summary>Each goto with the states that take it (a claim about an error path names the goto, not the return).</summary>
    public IReadOnlyList<GotoSite> Gotos { get; init; } = [];

    public bool HasCallTo(string name) => Calls.Any(c => c.Name == name);

    public bool UsesRcuReadLock => Calls.Any(c => c.Name.StartsWith("rcu_read_lock", StringComparison.Ordinal)) ||
                                   Calls.Any(c => c.Name == "guard" && c.ArgumentCount > 0 && c.Argument(0) == "rcu") ||
                                   Calls.Any(c => c.Name == "scoped_guard" && c.ArgumentCount > 0 && c.Argument(0) == "rcu");

    public bool ReleasesCallersLock => Events.Any(e => e.Kind == LockEventKind.UnmatchedRelease) ||
                                       Function.Annotations.Any(a => a.StartsWith("__releases", StringComparison.Ordinal));

    /// <summary>A function that returns with a lock held on purpose: named for locking (foo_lock, bar_trylock) or annotated.</summary>
    public bool IsLockWrapper => Function.Name.ToLowerInvariant().Split('_').Any(p => p is "lock" or "locks" or "locked" or "trylock" or "relock" or "lockdep" or "acquire" || p.EndsWith("lock", StringComparison.Ordinal) && p != "block" && p.Length <= 8) ||
                                 Function.Annotations.Any(a => a.StartsWith("__acquires", StringComparison.Ordinal) || a.StartsWith("__cond_acquires", StringComparison.Ordinal));
}
