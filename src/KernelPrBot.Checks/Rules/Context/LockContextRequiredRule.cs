using KernelPrBot.Checks.Analysis.Context;
using KernelPrBot.Checks.Index.Summaries;
using KernelPrBot.Checks.Kernel;
using KernelPrBot.Checks.Source;

namespace KernelPrBot.Checks.Rules.Context;

/// <summary>
/// A call of a function that needs a lock or RCU held, on a path that does not hold it, in a function that manages
/// that lock itself: what the callee needs comes from its body (<c>lockdep_assert_held()</c>, <c>__must_hold()</c>,
/// <c>rcu_dereference_protected(…, lockdep_is_held(…))</c>, an RCU read with no read section of its own), in this
/// file or anywhere in the tree through the index. The same holds for those checks written in the function itself.
/// Whether the caller's callers hold it cannot be seen, so only a path that cannot be under it is reported: one that
/// dropped the lock before the call, in a function that takes the lock on every path, or (RCU) in a function that
/// takes rcu_read_lock() itself, with no lock held at the call.
/// </summary>
public sealed class LockContextRequiredRule : ContextRule
{
    public override RuleDescriptor Descriptor { get; } = new(
        RuleIds.LockContextRequired,
        "Call needs a lock or RCU that this path does not hold",
        RuleCategory.Locking,
        Severity.Error,
        "Some functions must be called with a lock held or inside rcu_read_lock(): they say so with lockdep_assert_held(), " +
        "__must_hold(), rcu_dereference_protected(…, lockdep_is_held(…)), or by reading RCU-protected data without a read " +
        "section of their own. Calling one where the lock was just dropped, before it is taken, or outside the read section " +
        "races with the writers. Move the call under the lock or into the read section. CONFIG_PROVE_LOCKING and " +
        "CONFIG_PROVE_RCU report this at run time.");

    protected override void AnalyzeFunction(FileContext context, CodeView view, SourceContextAnalysis analysis, FunctionContext analysed)
    {
        var summaries = SummariesOf(context, view, analysis);
        var takenEverywhere = TakenOnEveryPath(analysed);
        var reported = new HashSet<int>();
        foreach (var call in analysed.Calls)
        {
            if (call.States.Count == 0 || reported.Contains(call.Line) || call.Name == analysed.Function.Name || LockPrimitives.Find(call.Name) is not null)
            {
                continue;
            }

            foreach (var (lockName, how) in Required(call, summaries))
            {
                if (WhyUnheld(call, lockName, takenEverywhere) is { } why)
                {
                    reported.Add(call.Line);
                    ReportIfConcerned(context, view, analysed, call.Line,
                        $"{call.Name}() needs {lockName} held: {how}; but this path {Describe(view, why)}; take the lock around the call",
                        $"needs:{call.Name}:{lockName}", "CONFIG_PROVE_LOCKING (lockdep) reports this at run time");
                    break;
                }
            }

            if (!reported.Contains(call.Line) && summaries.NeedsRcu(call.Name) is { } chain && OutsideRcu(analysed, call) is { } where)
            {
                reported.Add(call.Line);
                ReportIfConcerned(context, view, analysed, call.Line,
                    $"{call.Name}() needs rcu_read_lock() held: {DescribeRcuChain(chain)}; but this call is outside an RCU read-side section{Where(view, where)}; call it inside rcu_read_lock()/rcu_read_unlock()",
                    $"needs-rcu:{call.Name}", "CONFIG_PROVE_RCU reports this at run time");
            }
        }
    }

    /// <summary>The locks a call needs, in the caller's terms, each with how that is known.</summary>
    private static IEnumerable<(string Lock, string How)> Required(CallSite call, FileSummaries summaries)
    {
        if (call.Name.StartsWith("lockdep_assert_held", StringComparison.Ordinal) && call.ArgumentCount >= 1)
        {
            yield return (PathWalker.Normalise(call.Argument(0)), "the function asserts it here");
            yield break;
        }

        if (call.Name.Contains("dereference_protected", StringComparison.Ordinal) && call.ArgumentCount >= 2 && RcuAccessors.LockdepHeldLock(PathWalker.Normalise(call.Argument(1))) is { } named)
        {
            yield return (named, "the accessor names it as the update-side lock");
            yield break;
        }

        foreach (var fact in summaries.LockFacts(call.Name).Where(f => f.Kind == LockFact.Requires))
        {
            // Only the argument the lock is named through: with nested calls an argument is as long as all it holds.
            var parameter = LockTemplates.Parameter(fact.Lock);
            var arguments = new string[Math.Max(0, Math.Min(parameter + 1, call.ArgumentCount))];
            if (parameter >= 0 && parameter < arguments.Length)
            {
                arguments[parameter] = PathWalker.Normalise(call.Argument(parameter));
            }

            if (LockTemplates.Substitute(fact.Lock, arguments) is { } lockName)
            {
                yield return (lockName, $"it calls {fact}");
            }
        }
    }

    /// <summary>
    /// Why a path reaching the call cannot hold <paramref name="lockName"/>: it released the lock itself (the release
    /// is returned), or the function takes it on every path and this one has not yet. Null when every path may hold it.
    /// </summary>
    private static Unheld? WhyUnheld(CallSite call, string lockName, Dictionary<string, HeldLock> takenEverywhere)
    {
        foreach (var state in call.States)
        {
            if (state.Held.Any(h => h.Key == lockName || h.Kind == LockKind.Unknown))
            {
                continue;
            }

            if (state.Released.Contains(lockName))
            {
                return new Unheld(null, true);
            }

            if (takenEverywhere.TryGetValue(lockName, out var later))
            {
                return new Unheld(later, false);
            }
        }

        return null;
    }

    /// <summary>Locks the function takes on every path through it, released again or not, by key.</summary>
    private static Dictionary<string, HeldLock> TakenOnEveryPath(FunctionContext function)
    {
        var result = new Dictionary<string, HeldLock>(StringComparer.Ordinal);
        if (function.Returns.Count == 0)
        {
            return result;
        }

        foreach (var held in function.Calls.SelectMany(c => c.States).Concat(function.Returns.Select(r => r.State)).SelectMany(s => s.Held))
        {
            if (!held.FromEntry && !held.Scoped && held.Kind is not (LockKind.Rcu or LockKind.IrqsOff or LockKind.BhOff or LockKind.PreemptOff or LockKind.AtomicEntry) &&
                !result.ContainsKey(held.Key) && function.Returns.All(r => r.State.Released.Contains(held.Key) || r.State.Held.Any(h => h.Key == held.Key)))
            {
                result[held.Key] = held;
            }
        }

        return result;
    }

    /// <summary>
    /// Where a call is outside RCU on some path and its callers cannot have put it inside: the function takes
    /// rcu_read_lock() itself (the section found is returned) and the path holds no lock at all. A lock held there may
    /// be the data's update-side lock (a helper that readers call under RCU and writers under the mutex reads safely
    /// under either): left alone, as are atomic sections (spinlocks and disabled bottom halves exclude the writers in
    /// ways lockdep-RCU does not see).
    /// </summary>
    private static HeldLock? OutsideRcu(FunctionContext function, CallSite call)
    {
        var ownSection = function.Calls.FirstOrDefault(c => c.Name.StartsWith("rcu_read_lock", StringComparison.Ordinal));
        if (ownSection is null)
        {
            return null;
        }

        foreach (var state in call.States)
        {
            if (!state.InRcuReadSection && !state.Held.Any(h => h.Kind != LockKind.AtomicEntry))
            {
                return new HeldLock("rcu", LockKind.Rcu, ownSection.Name, null, ownSection.Name + "()", ownSection.Line, false, false);
            }
        }

        return null;
    }

    private static string Where(CodeView view, HeldLock where) => $" (this function's read section starts at line {view.NewLine(where.Line)})";

    private static string Describe(CodeView view, Unheld why) =>
        why.Dropped ? "released it before the call" : $"has not taken it yet ({why.Later!.CallText} at line {view.NewLine(why.Later.Line)} takes it later on every path)";

    private static string DescribeRcuChain(IReadOnlyList<SleepStep> chain)
    {
        var text = new System.Text.StringBuilder();
        for (var k = 0; k < chain.Count; k++)
        {
            var step = chain[k];
            if (step.Callee.StartsWith(DocumentedRcuNeeds.WitnessPrefix, StringComparison.Ordinal))
            {
                // "kernel-doc:include/net/mac80211.h:must be called under RCU lock"
                var rest = step.Callee[DocumentedRcuNeeds.WitnessPrefix.Length..];
                var colon = rest.IndexOf(':', StringComparison.Ordinal);
                var (docPath, sentence) = colon < 0 ? (step.Path, rest) : (rest[..colon], rest[(colon + 1)..]);
                text.Append(k == 0 ? "its kernel-doc says" : ", whose kernel-doc says").Append($" \"{sentence}\" ({docPath}:{step.Line})");
                return text.ToString();
            }

            text.Append($"{(k == 0 ? "it calls" : ", which calls")} {step.Callee}() ({step.Path}:{step.Line})");
        }

        return text.Append(" outside a read-side section of its own").ToString();
    }

    private sealed record Unheld(HeldLock? Later, bool Dropped);
}
