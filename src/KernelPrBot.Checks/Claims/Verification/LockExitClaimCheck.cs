using KernelPrBot.Checks.Analysis.Context;
using KernelPrBot.Checks.Claims;
using KernelPrBot.Checks.Index.Summaries;
using KernelPrBot.Checks.Kernel;

namespace KernelPrBot.Checks.Claims.Verification;

/// <summary>
/// A return path that keeps a lock. Confirmed when a return at the claimed line (or the line next to it) is reached
/// holding a lock this function took, and the function does not return holding it on purpose (a lock wrapper, or a
/// function the tree knows returns holding a lock). Contradicted when every path to that return has released what it
/// took and every lock call of the function is one the analysis models.
/// </summary>
internal static class LockExitClaimCheck
{
    public static ClaimCheckResult Check(ClaimSite site)
    {
        if (site.Function.IsLockWrapper || site.Summaries.LockFacts(site.FunctionName).Any(f => f.Kind == LockFact.Acquires))
        {
            return ClaimCheckResult.NotCheckable($"{site.FunctionName}() returns holding a lock on purpose (its name, annotation or the tree says so)");
        }

        // The claimed line itself first: a return, else a goto or a release on it; then a return next to it.
        var exits = site.Function.Returns.Where(r => r.Line == site.ViewLine).ToList();
        if (exits.Count == 0 && OnTheWayOut(site) is { } outward)
        {
            return outward;
        }

        if (exits.Count == 0)
        {
            exits = site.Function.Returns.Where(r => Math.Abs(r.Line - site.ViewLine) == 1).ToList();
        }

        if (exits.Count == 0)
        {
            return ClaimCheckResult.NotCheckable($"line {site.Claim.Line} is neither a return of {site.FunctionName}() nor a goto or release that leaves a lock held");
        }

        foreach (var exit in exits)
        {
            var held = exit.State.Held.FirstOrDefault(h => h.MustBeReleased);
            if (held is not null)
            {
                var how = exit.Describe();
                var released = site.Function.Returns.Any(r => r.State.Released.Contains(held.Key)) ? ", while other paths release it" : string.Empty;
                return ClaimCheckResult.Confirmed(RuleIds.LockNotReleased, site.NewLine(exit.Line),
                    $"{held.CallText} taken at line {site.NewLine(held.Line)} is still held at {how}{released}", $"{held.Key}:{exit.Expression}");
            }
        }

        var unmodelled = site.Function.Calls.Where(c => LooksLikeLockCall(c.Name) && LockPrimitives.Find(c.Name) is null && site.Summaries.LockFacts(c.Name).Count == 0 && !site.Function.Function.Name.Equals(c.Name, StringComparison.Ordinal))
            .Select(c => c.Name).Distinct().ToList();
        if (unmodelled.Count > 0)
        {
            return ClaimCheckResult.NotCheckable($"no path reaches line {site.Claim.Line} holding a lock the analysis models, but it does not model {string.Join(", ", unmodelled.Take(3).Select(n => n + "()"))}");
        }

        var taken = site.Function.Calls.SelectMany(c => c.States).SelectMany(s => s.Held).Where(h => !h.FromEntry).Select(h => h.CallText).Distinct().ToList();
        return ClaimCheckResult.Contradicted(taken.Count == 0
            ? $"{site.FunctionName}() takes no lock before line {site.Claim.Line} on any path"
            : $"every path to line {site.Claim.Line} has released {string.Join(", ", taken.Take(3))}");
    }

    /// <summary>
    /// A claim on the way out rather than on the return: a goto taken with a lock held that some return still holds
    /// (the lock taken at the same line), or a release of a lock no path holds there while a lock this function took
    /// stays held to a return (the wrong lock released).
    /// </summary>
    private static ClaimCheckResult? OnTheWayOut(ClaimSite site)
    {
        var line = site.ViewLine;
        foreach (var jump in site.Function.Gotos.Where(g => Math.Abs(g.Line - line) <= 1))
        {
            foreach (var held in jump.States.SelectMany(s => s.Held).Where(h => h.MustBeReleased))
            {
                if (ExitHolding(site, held) is { } exit)
                {
                    return ClaimCheckResult.Confirmed(RuleIds.LockNotReleased, site.NewLine(jump.Line),
                        $"{held.CallText} taken at line {site.NewLine(held.Line)} is held at 'goto {jump.Label}' and still held at {exit.Describe()} (line {site.NewLine(exit.Line)})",
                        $"{held.Key}:goto:{jump.Label}") with { SameAs = site.NewLine(exit.Line) };
                }
            }
        }

        foreach (var wrong in site.Function.Events.Where(e => e.Kind == LockEventKind.UnmatchedRelease && Math.Abs(e.Line - line) <= 1))
        {
            var call = site.Function.Calls.FirstOrDefault(c => c.Line == wrong.Line);
            foreach (var held in (call?.States ?? []).SelectMany(s => s.Held).Where(h => h.MustBeReleased))
            {
                if (ExitHolding(site, held) is { } exit)
                {
                    return ClaimCheckResult.Confirmed(RuleIds.LockNotReleased, site.NewLine(wrong.Line),
                        $"{wrong.ReleaseText} releases a lock no path holds here, while {held.CallText} taken at line {site.NewLine(held.Line)} stays held to {exit.Describe()} (line {site.NewLine(exit.Line)})",
                        $"{held.Key}:wrong-release:{wrong.Key}") with { SameAs = site.NewLine(exit.Line) };
                }
            }
        }

        return null;
    }

    private static ReturnSite? ExitHolding(ClaimSite site, HeldLock held) =>
        site.Function.Returns.FirstOrDefault(r => r.State.Held.Any(h => h.Key == held.Key && h.Line == held.Line && !h.Scoped));

    /// <summary>A call whose name says it locks or unlocks something (not block or clock functions).</summary>
    internal static bool LooksLikeLockCall(string name)
    {
        var parts = name.Split('_');
        return parts.Any(p => p is "lock" or "unlock" or "trylock" or "down" or "up" or "mutex" or "spin" or "sem" or "rwsem" or "acquire" or "release") &&
               !name.StartsWith("lockdep_", StringComparison.Ordinal) && !name.Contains("assert", StringComparison.Ordinal) && !parts.Contains("init");
    }
}
