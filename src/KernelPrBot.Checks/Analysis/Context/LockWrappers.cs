using KernelPrBot.Checks.Kernel;
using KernelPrBot.Checks.Source;

namespace KernelPrBot.Checks.Analysis.Context;

/// <summary>
/// Finds a file's acquire and release wrappers from the walk of each function: a wrapper's lock follows the caller
/// (lock-not-released sees an early return between <c>foo_lock(dev)</c> and <c>foo_unlock(dev)</c>). Only what is
/// certain counts: an acquire wrapper holds exactly one lock on every path out, a release wrapper drops one lock it
/// never takes, and in both the lock starts from a parameter. Conditional wrappers are left alone (a miss, never a
/// wrong report).
/// </summary>
internal static class LockWrappers
{
    /// <param name="fileLine">Maps a line of the analysed text to the file's line, for the evidence.</param>
    public static Dictionary<string, LockWrapper> Find(IReadOnlyList<FunctionContext> functions, Func<int, int> fileLine)
    {
        var wrappers = new Dictionary<string, LockWrapper>(StringComparer.Ordinal);
        foreach (var function in functions)
        {
            if (function.Function.Parameters.Count == 0 || LockPrimitives.Find(function.Function.Name) is not null || wrappers.ContainsKey(function.Function.Name))
            {
                continue;
            }

            var wrapper = Acquiring(function, fileLine) ?? Releasing(function, fileLine);
            if (wrapper is not null)
            {
                wrappers[wrapper.Name] = wrapper;
            }
        }

        return wrappers;
    }

    /// <summary>
    /// The locks a function takes on every path through it (released again or not), named through a parameter: a
    /// caller that already holds one of them deadlocks. Only unconditional acquisitions of non-recursive locks count.
    /// </summary>
    public static IReadOnlyList<LockWrapper> TakenOnEveryPath(FunctionContext function, Func<int, int> fileLine)
    {
        if (function.Function.Parameters.Count == 0 || function.Returns.Count == 0)
        {
            return [];
        }

        var taken = function.Calls.SelectMany(c => c.States).Concat(function.Returns.Select(r => r.State))
            .SelectMany(s => s.Held)
            .Where(h => !h.FromEntry && (IsNonRecursive(h.AcquiredBy) || IsWaitingReadSide(h.AcquiredBy)))
            .DistinctBy(h => h.Key)
            .Where(h => function.Returns.All(r => r.State.Released.Contains(h.Key) || r.State.Held.Any(k => k.Key == h.Key)));
        return taken.Select(h => Rooted(function.Function, LockPrimitives.Find(h.AcquiredBy)!, h.Key, fileLine(h.Line))).OfType<LockWrapper>().ToList();
    }

    /// <summary>
    /// An acquisition that blocks on a lock its own path holds: one that waits (not a trylock) on a real lock, and that
    /// the table does not mark as able to meet its own hold (<see cref="LockPrimitive.MayRetake"/>).
    /// </summary>
    public static bool IsNonRecursive(string acquiredBy) =>
        LockPrimitives.Find(acquiredBy) is { Action: LockAction.Acquire or LockAction.TryAcquireZero, PseudoLock: null, MayRetake: false };

    /// <summary>
    /// A read side that waits (down_read(), read_lock()): it may meet another read hold of its lock, but not the write
    /// hold, which it waits for forever (lockdep: "possible recursive locking detected" on the rwsem).
    /// </summary>
    public static bool IsWaitingReadSide(string acquiredBy) =>
        acquiredBy.StartsWith("down_read", StringComparison.Ordinal) && !acquiredBy.Contains("trylock", StringComparison.Ordinal) && !acquiredBy.Contains("nested", StringComparison.Ordinal) ||
        acquiredBy is "read_lock" or "read_lock_bh" or "read_lock_irq" or "read_lock_irqsave";

    private static bool IsRealLock(HeldLock held) =>
        !held.Scoped && !held.FromEntry && held.Kind is LockKind.Spin or LockKind.RawSpin or LockKind.ReadWrite or LockKind.Mutex or LockKind.Semaphore or LockKind.RwSemaphore;

    private static LockWrapper? Acquiring(FunctionContext function, Func<int, int> fileLine)
    {
        if (function.Returns.Count == 0 || function.Events.Count > 0)
        {
            return null;
        }

        var first = function.Returns[0].State.Held.Where(IsRealLock).ToList();
        if (first.Count != 1 || LockPrimitives.Find(first[0].AcquiredBy) is not { Action: LockAction.Acquire } primitive)
        {
            return null;
        }

        var held = first[0];
        var sameEverywhere = function.Returns.All(r => r.State.Held.Where(IsRealLock).Select(h => (h.Key, h.AcquiredBy)).SequenceEqual([(held.Key, held.AcquiredBy)]));
        return sameEverywhere ? Rooted(function.Function, primitive, held.Key, fileLine(held.Line)) : null;
    }

    private static LockWrapper? Releasing(FunctionContext function, Func<int, int> fileLine)
    {
        var drops = function.Events.Where(e => e.Kind == LockEventKind.UnmatchedRelease).ToList();
        if (drops.Count != 1 || function.Events.Count != 1 || LockPrimitives.Find(drops[0].ReleaseName) is not { Action: LockAction.Release, PseudoLock: null } primitive)
        {
            return null;
        }

        var key = drops[0].Key;
        var takesItToo = function.Calls.Any(c => c.States.Any(s => s.Held.Any(h => h.Key == key))) || function.Returns.Any(r => r.State.Held.Any(h => h.Key == key));
        return takesItToo ? null : Rooted(function.Function, primitive, key, fileLine(drops[0].Line));
    }

    /// <summary>The wrapper when the lock expression starts from a parameter ("&amp;dev-&gt;mutex" in foo(struct foo *dev)).</summary>
    private static LockWrapper? Rooted(FunctionDefinition function, LockPrimitive primitive, string key, int line)
    {
        var prefix = key.StartsWith('&') ? "&" : string.Empty;
        var path = key[prefix.Length..];
        if (!LockWrapper.IsAccessPath(path))
        {
            return null;
        }

        var root = LockWrapper.RootOf(path);
        var parameter = function.Parameters.ToList().LastIndexOf(root);
        return parameter < 0 ? null : new LockWrapper(function.Name, primitive, parameter, prefix, path[root.Length..], $"{primitive.Name}({key}) at line {line}");
    }
}
