using KernelPrBot.Checks.Analysis.Context;
using KernelPrBot.Checks.Claims;
using KernelPrBot.Checks.Index.Summaries;
using KernelPrBot.Checks.Kernel;

namespace KernelPrBot.Checks.Claims.Verification;

/// <summary>
/// An RCU read or a call that needs a lock, made without it. The analysis sees this function's paths, not its
/// callers' — so it confirms only where this function manages that lock or section itself (it takes it on other
/// paths or lines, so the caller is not the one to hold it) and a path reaches the line without it; it contradicts
/// where every path reaching the line holds it.
/// </summary>
internal static class LockContextClaimCheck
{
    public static ClaimCheckResult Check(ClaimSite site)
    {
        var calls = site.Calls;
        var needs = new List<(CallSite Call, string Key, string What, bool Rcu)>();
        foreach (var call in calls)
        {
            if (RcuAccessors.NeedsReadSection(call.Name, call.ArgumentCount))
            {
                needs.Add((call, "rcu", $"{call.Name}() reads an RCU-protected pointer", true));
            }
            else if (site.Summaries.NeedsRcu(call.Name) is { Count: > 0 } chain)
            {
                needs.Add((call, "rcu", $"{call.Name}() needs rcu_read_lock() held ({string.Join(", ", chain.Select(s => s.ToString()))})", true));
            }

            foreach (var fact in site.Summaries.LockFacts(call.Name).Where(f => f.Kind == LockFact.Requires))
            {
                if (LockTemplates.Substitute(fact.Lock, call.Arguments) is { } key)
                {
                    needs.Add((call, key, $"{call.Name}() needs {key} held ({fact})", false));
                }
            }
        }

        if (needs.Count == 0)
        {
            return LocksetClaimCheck.Check(site)
                ?? ClaimCheckResult.NotCheckable($"the analysis knows no lock or RCU requirement of the calls on line {site.Claim.Line}, and no lock guards the fields it touches elsewhere in the file");
        }

        var allHeld = true;
        foreach (var (call, key, what, rcu) in needs)
        {
            var missing = call.States.Where(s => !Holds(s, key, rcu)).ToList();
            if (missing.Count == 0)
            {
                continue;
            }

            allHeld = false;
            var managed = rcu ? site.Function.UsesRcuReadLock : site.Function.Calls.Any(c => c.States.Any(s => s.Held.Any(h => !h.FromEntry && LockTemplates.SameLock(h.Key, key))));
            if (managed && missing.All(s => !s.Held.Any(h => h.FromEntry)))
            {
                var rule = rcu && RcuAccessors.NeedsReadSection(call.Name, call.ArgumentCount) ? RuleIds.RcuDerefOutsideReadSection : RuleIds.LockContextRequired;
                var section = rcu ? "rcu_read_lock()" : key;
                return ClaimCheckResult.Confirmed(rule, site.NewLine(call.Line),
                    $"{what}, but a path of {site.FunctionName}() reaches line {site.NewLine(call.Line)} without {section}, which the function takes elsewhere itself", $"{call.Name}:{key}");
            }
        }

        if (!allHeld && LocksetClaimCheck.Check(site) is { Verdict: ClaimVerdict.Confirmed } inferred)
        {
            return inferred;
        }

        return allHeld
            ? ClaimCheckResult.Contradicted($"every path reaching line {site.Claim.Line} holds what {string.Join(", ", needs.Select(n => n.Call.Name + "()").Distinct())} needs")
            : ClaimCheckResult.NotCheckable($"{needs[0].What}; a path reaches line {site.Claim.Line} without it, but {site.FunctionName}() leaves it to its callers, which the analysis does not follow");
    }

    private static bool Holds(ContextState state, string key, bool rcu) =>
        rcu ? state.InRcuReadSection || state.Held.Any(h => h.Kind != LockKind.Rcu && !h.FromEntry) : state.Held.Any(h => LockTemplates.SameLock(h.Key, key));
}
