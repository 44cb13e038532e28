using KernelPrBot.Checks.Analysis.Context;
using KernelPrBot.Checks.Claims;
using KernelPrBot.Checks.Kernel;

namespace KernelPrBot.Checks.Claims.Verification;

/// <summary>
/// A sleeping call (or sleeping allocation) in atomic context. Confirmed when a call on the line may sleep by the
/// kernel model (a sleeping primitive, a sleeping GFP flag, or a tree function whose chain reaches one) and the
/// line is atomic: a path of this function holds an atomic section there, the function runs atomic by how it is
/// registered, or a caller in the tree calls it under a spinlock. Contradicted only when every call on the line is a
/// non-sleeping allocation or a spinning lock primitive.
/// </summary>
internal static class SleepClaimCheck
{
    public static ClaimCheckResult Check(ClaimSite site)
    {
        var calls = site.Calls;
        if (calls.Count == 0)
        {
            return ClaimCheckResult.NotCheckable($"line {site.Claim.Line} holds no call");
        }

        var known = 0;
        string? sleepsWithoutAtomic = null;
        foreach (var call in calls)
        {
            var sleep = HowItSleeps(site, call);
            if (sleep is null)
            {
                known += KnownNotToSleep(call) ? 1 : 0;
                continue;
            }

            if (Atomic(site, call) is { } atomic)
            {
                var rule = sleep.Value.Allocation ? RuleIds.AtomicSleepingAlloc : RuleIds.SleepInAtomic;
                return ClaimCheckResult.Confirmed(rule, site.NewLine(call.Line), $"{sleep.Value.How}, but {atomic.Where}", $"{call.Name}:{atomic.Key}") with { SameAs = sleep.Value.InFileLine };
            }

            sleepsWithoutAtomic ??= sleep.Value.How;
        }

        if (sleepsWithoutAtomic is not null)
        {
            return ClaimCheckResult.NotCheckable(
                $"{sleepsWithoutAtomic}, but the analysis finds no atomic context there: no path of {site.FunctionName}() holds a spinlock or " +
                "atomic section at this line, the function is not registered as an atomic callback, and no caller in the tree calls it under a lock");
        }

        return known == calls.Count
            ? ClaimCheckResult.Contradicted($"{string.Join(", ", calls.Select(c => c.Name + "()").Distinct())} cannot sleep: a non-sleeping allocation flag or a spinning lock")
            : ClaimCheckResult.NotCheckable($"the analysis finds no sleeping call on the paths of {string.Join(", ", calls.Select(c => c.Name + "()").Distinct())} (functions handed on as pointers, to kref_put() or an ops table, are not followed)");
    }

    private static (string How, bool Allocation, int? InFileLine)? HowItSleeps(ClaimSite site, CallSite call)
    {
        if (SleepingCalls.PollSleepArgumentOf(call.Name) is >= 0 and var sleep && sleep < call.ArgumentCount && call.Argument(sleep) == "0")
        {
            return null; // a polling loop without sleeps
        }

        if (Allocators.IsAlwaysSleeping(call.Name))
        {
            return ($"{call.Name}() may sleep (it always may)", true, null);
        }

        for (var a = 0; a < call.ArgumentCount; a++)
        {
            if (Allocators.MentionsGfp(call, a) && Allocators.SleepingFlag(call.Words(a)) is { } flag)
            {
                return ($"{call.Name}({flag}) may sleep", true, null);
            }
        }

        if (SleepingCalls.MaySleep(call.Name))
        {
            return ($"{call.Name}() may sleep", false, null);
        }

        if (site.Summaries.MaySleep(call.Name) is { Count: > 0 } chain)
        {
            var text = Index.Summaries.SleepStep.Describe(chain, site.Facts.File.Path);
            // A helper of this file: the rules may report the sleeping call inside it, which is the same problem.
            var inFile = site.Analysis.Function(call.Name) is not null && chain[0].Path.Length == 0 || chain[0].Path == site.Facts.File.Path ? chain[0].Line : (int?)null;
            return (text, Index.Summaries.FunctionBodyScanner.IsAllocator(chain[^1].Callee), inFile);
        }

        return null;
    }

    /// <summary>
    /// An allocation with a non-sleeping flag, or a spinning lock primitive: calls that cannot sleep whatever the path.
    /// A tree function whose summary reaches no sleeping call is not enough (a release callback handed to kref_put(),
    /// call_rcu() or an ops table is not followed), so it never contradicts a claim.
    /// </summary>
    private static bool KnownNotToSleep(CallSite call)
    {
        for (var a = 0; a < call.ArgumentCount; a++)
        {
            if (Allocators.MentionsGfp(call, a) && call.Words(a).Any(w => w is "GFP_ATOMIC" or "GFP_NOWAIT"))
            {
                return true;
            }
        }

        return LockPrimitives.Find(call.Name) is { } primitive && primitive.Kind is not (LockKind.Mutex or LockKind.Semaphore or LockKind.RwSemaphore);
    }

    private static (string Where, string Key)? Atomic(ClaimSite site, CallSite call)
    {
        if (call.States.FirstOrDefault(s => s.IsAtomic)?.AtomicCause is { } cause)
        {
            var where = cause.Kind == LockKind.AtomicEntry ? $"{site.FunctionName}() runs as {cause.CallText}"
                : cause.Kind == LockKind.Rcu ? $"it is inside the RCU read-side section entered by {cause.CallText} at line {site.NewLine(cause.Line)}"
                : $"{cause.CallText} taken at line {site.NewLine(cause.Line)} is held";
            return (where, cause.Key);
        }

        var isStatic = site.Function.Function.IsStatic;
        if (site.Summaries.AtomicEntry(site.FunctionName, isStatic) is { } entry)
        {
            return ($"{site.FunctionName}() runs in atomic context as {entry}", "<entry>");
        }

        if (site.Summaries.Tree?.LockedCallerOf(site.FunctionName, site.Facts.File.Path, isStatic) is { } caller)
        {
            return ($"{caller.Caller}() calls {site.FunctionName}() under {caller.Acquisition}() ({caller.Path}:{caller.Line})", "caller:" + caller.Caller);
        }

        return null;
    }
}
