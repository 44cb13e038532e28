using KernelPrBot.Checks.Claims;
using KernelPrBot.Checks.Kernel;

namespace KernelPrBot.Checks.Claims.Verification;

/// <summary>
/// A lock taken while it is already held. Confirmed when a lock primitive on the line takes a lock that a path
/// holds there (read sides, _nested forms and trylocks aside), or a tree function called there takes it on every
/// path. Never contradicted: a lock no path of this function holds may be its caller's (the analysis does not follow
/// callers), and that is how most recursive locking happens.
/// </summary>
internal static class LockRecursionClaimCheck
{
    public static ClaimCheckResult Check(ClaimSite site)
    {
        var calls = site.Calls;
        var primitives = 0;
        foreach (var call in calls)
        {
            if (LockPrimitives.Find(call.Name) is { Action: LockAction.Acquire } primitive && primitive.LockArgument >= 0 && primitive.LockArgument < call.ArgumentCount)
            {
                primitives++;
                var key = Normalise(call.Argument(primitive.LockArgument));
                var held = call.States.SelectMany(s => s.Held).FirstOrDefault(h => Normalise(h.Key) == key);
                if (held is not null && !primitive.MayRetake)
                {
                    return ClaimCheckResult.Confirmed(RuleIds.LockRecursion, site.NewLine(call.Line),
                        $"{call.Name}({call.Argument(primitive.LockArgument)}) waits for a lock this path already holds ({held.Describe()}): it deadlocks", $"{key}:{call.Name}");
                }

                continue;
            }

            foreach (var fact in site.Summaries.LockFacts(call.Name).Where(f => f.Kind is Index.Summaries.LockFact.Takes or Index.Summaries.LockFact.Acquires))
            {
                var key = Index.Summaries.LockTemplates.Substitute(fact.Lock, call.Arguments) is { } k ? Normalise(k) : null;
                var held = key is null ? null : call.States.SelectMany(s => s.Held).FirstOrDefault(h => Normalise(h.Key) == key);
                if (held is not null)
                {
                    return ClaimCheckResult.Confirmed(RuleIds.LockRecursion, site.NewLine(call.Line),
                        $"{call.Name}() takes {key} ({fact}), which this path already holds ({held.Describe()}): it deadlocks", $"{key}:{call.Name}");
                }
            }
        }

        return ClaimCheckResult.NotCheckable(primitives > 0
            ? $"no path of {site.FunctionName}() holds the lock taken at line {site.Claim.Line}; whether its callers do is not followed"
            : $"the analysis finds no lock held twice at line {site.Claim.Line}");
    }

    private static string Normalise(string key) => key.Replace(" ", string.Empty, StringComparison.Ordinal).TrimStart('&');
}
