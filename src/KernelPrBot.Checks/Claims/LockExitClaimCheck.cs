using KernelPrBot.Checks.Analysis.Context;
using KernelPrBot.Checks.Index.Summaries;
using KernelPrBot.Checks.Kernel;

namespace KernelPrBot.Checks.Claims;

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
        var exits = site.Function.Returns.Where(r => Math.Abs(r.Line - site.ViewLine) <= 1).ToList();
        if (exits.Count == 0)
        {
            return ClaimCheckResult.NotCheckable($"line {site.Claim.Line} is not a return of {site.FunctionName}() (a goto's target is not followed)");
        }

        if (site.Function.IsLockWrapper || site.Summaries.LockFacts(site.FunctionName).Any(f => f.Kind == LockFact.Acquires))
        {
            return ClaimCheckResult.NotCheckable($"{site.FunctionName}() returns holding a lock on purpose (its name, annotation or the tree says so)");
        }

        foreach (var exit in exits)
        {
            var held = exit.State.Held.FirstOrDefault(h => !h.Scoped && !h.FromEntry && h.Kind is not (LockKind.IrqsOff or LockKind.BhOff or LockKind.PreemptOff));
            if (held is not null)
            {
                var how = exit.Implicit ? "the end of the function" : $"'return{(exit.Expression.Length > 0 ? " " + exit.Expression : string.Empty)}'";
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

    /// <summary>A call whose name says it locks or unlocks something (not block or clock functions).</summary>
    internal static bool LooksLikeLockCall(string name)
    {
        var parts = name.Split('_');
        return parts.Any(p => p is "lock" or "unlock" or "trylock" or "down" or "up" or "mutex" or "spin" or "sem" or "rwsem" or "acquire" or "release") &&
               !name.StartsWith("lockdep_", StringComparison.Ordinal) && !name.Contains("assert", StringComparison.Ordinal) && !parts.Contains("init");
    }
}
