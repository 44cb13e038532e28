using KernelPrBot.Checks.Analysis.Context;
using KernelPrBot.Checks.Source;

namespace KernelPrBot.Checks.Rules.Context;

/// <summary>
/// A return path that keeps a lock which other paths of the same function release ("inconsistent returns").
/// Functions that return with the lock held on purpose (lock wrappers, __acquires) are left alone.
/// </summary>
public sealed class LockNotReleasedRule : ContextRule
{
    public override RuleDescriptor Descriptor { get; } = new(
        RuleIds.LockNotReleased,
        "Lock not released on a return path",
        RuleCategory.Locking,
        Severity.Error,
        "Every path out of a function must leave locks as the other paths do: an early return or a goto to the wrong " +
        "label that skips the unlock leaves the lock held and deadlocks the next caller. Release the lock before " +
        "returning, jump to the unlocking label, or use guard()/scoped_guard() from cleanup.h. CONFIG_PROVE_LOCKING " +
        "(lockdep) reports this at run time.");

    protected override void AnalyzeFunction(FileContext context, CodeView view, SourceContextAnalysis analysis, FunctionContext analysed)
    {
        var function = analysed;
        if (function.IsLockWrapper)
        {
            return;
        }

        var released = function.Calls.Count == 0 ? [] : function.Returns.SelectMany(r => r.State.Released).ToHashSet(StringComparer.Ordinal);
        var reported = new HashSet<(int, string)>();
        foreach (var exit in function.Returns)
        {
            foreach (var held in exit.State.Held.Where(h => h.MustBeReleased))
            {
                // Only when some other exit of this function releases the same lock, or, with one way out, when the
                // base version released it on every exit and the patch only took the release away.
                var otherExitsRelease = function.Returns.Any(r => r != exit && !r.State.Held.Any(h => h.Key == held.Key && !h.Scoped)) && released.Contains(held.Key);
                var baseReleased = !otherExitsRelease && BaseReleasedEverywhere(context, function, held.Key);
                if (!(otherExitsRelease || baseReleased) || !reported.Add((exit.Line, held.Key)))
                {
                    continue;
                }

                var how = exit.Describe();
                var evidence = otherExitsRelease ? "while other paths release it" : "and before this patch every path released it";
                ReportIfConcerned(context, view, function, exit.Line,
                    $"{held.CallText} taken at line {view.NewLine(held.Line)} is still held at {how}, {evidence}; unlock before returning",
                    $"{held.Key}:{exit.Expression}", "CONFIG_PROVE_LOCKING (lockdep) reports this at run time");
            }
        }
    }

    /// <summary>
    /// The base version of the function released <paramref name="key"/> and returned holding it on no exit (an early
    /// return before the lock is taken counts as releasing), and the patched one calls
    /// nothing the base did not (a new helper may release it for the caller): the patch removed the release.
    /// </summary>
    private static bool BaseReleasedEverywhere(FileContext context, FunctionContext function, string key)
    {
        if (context.BaseAnalysis?.Function(function.Function.Name) is not { Returns.Count: > 0 } before)
        {
            return false;
        }

        var baseCalls = before.Calls.Select(c => c.Name).ToHashSet(StringComparer.Ordinal);
        return before.Returns.Any(r => r.State.Released.Contains(key)) && before.Returns.All(r => !r.State.Held.Any(h => h.Key == key)) &&
               function.Calls.All(c => baseCalls.Contains(c.Name));
    }
}
