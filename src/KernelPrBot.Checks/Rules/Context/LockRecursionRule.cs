using System.Text.RegularExpressions;
using KernelPrBot.Checks.Analysis.Context;
using KernelPrBot.Checks.Kernel;
using KernelPrBot.Checks.Source;

namespace KernelPrBot.Checks.Rules.Context;

/// <summary>
/// A non-recursive lock taken on a path that already holds it: directly, or by calling a function (of this file, or of the
/// tree through the index) that takes it on every path (lockdep: "possible recursive locking detected"). The lock-not-released rule never
/// sees this: nothing is left unreleased, the path just never gets past the second acquisition.
/// </summary>
public sealed class LockRecursionRule : ContextRule
{
    public override RuleDescriptor Descriptor { get; } = new(
        RuleIds.LockRecursion,
        "Lock taken again on a path that already holds it",
        RuleCategory.Locking,
        Severity.Error,
        "Spinlocks, mutexes and the write side of rwlocks and rw-semaphores are not recursive: taking one that the path " +
        "already holds, directly or by calling a helper that takes it, deadlocks on the spot. Call the helper's unlocked " +
        "variant (often __foo() or foo_locked()), or release the lock first. CONFIG_PROVE_LOCKING (lockdep) reports this " +
        "at run time as 'possible recursive locking detected'.");

    protected override void AnalyzeFunction(FileContext context, CodeView view, SourceContextAnalysis analysis, FunctionContext analysed)
    {
        var reported = new HashSet<int>();
        var reassigned = new Dictionary<(string, int, int), bool>();
        string? text = null;
        bool Reassigns(string root, int fromLine, int toLine)
        {
            if (!reassigned.TryGetValue((root, fromLine, toLine), out var known))
            {
                text ??= FunctionText(view, analysed);
                reassigned[(root, fromLine, toLine)] = known = Reassigned(text, root, fromLine - analysed.Function.Line, toLine - analysed.Function.Line);
            }

            return known;
        }

        var taken = new Dictionary<string, IReadOnlyList<LockWrapper>>(StringComparer.Ordinal);
        var downgrades = analysed.HasCallTo("downgrade_write") || analysed.HasCallTo("downgrade_read");
        foreach (var call in analysed.Calls)
        {
            if (call.States.Count == 0 || reported.Contains(call.Line))
            {
                continue;
            }

            if (LockPrimitives.Find(call.Name) is { LockArgument: >= 0 } primitive)
            {
                var readSide = LockWrappers.IsWaitingReadSide(primitive.Name);
                if ((LockWrappers.IsNonRecursive(primitive.Name) || (readSide && !downgrades)) && primitive.LockArgument < call.ArgumentCount &&
                    HeldOnEveryPath(call, PathWalker.Normalise(call.Argument(primitive.LockArgument)), Reassigns) is { } held)
                {
                    reported.Add(call.Line);
                    ReportIfConcerned(context, view, analysed, call.Line,
                        $"{call.Name}({held.Key}) takes a lock this path already holds ({Describe(view, held)}); {Why(readSide)}",
                        $"recursion:{held.Key}:{call.Name}");
                }

                continue;
            }

            if (call.Name == analysed.Function.Name)
            {
                continue;
            }

            if (!taken.TryGetValue(call.Name, out var takes))
            {
                taken[call.Name] = takes = TakenByCallee(analysis, call.Name, view);
            }

            foreach (var lockTaken in takes)
            {
                if (!(downgrades && LockWrappers.IsWaitingReadSide(lockTaken.Primitive.Name)) &&
                    (lockTaken.Parameter < 0 ? lockTaken.Prefix : lockTaken.Parameter < call.ArgumentCount ? lockTaken.KeyFor(PathWalker.Normalise(call.Argument(lockTaken.Parameter))) : null) is { } key &&
                    HeldOnEveryPath(call, key, Reassigns) is { } held)
                {
                    reported.Add(call.Line);
                    ReportIfConcerned(context, view, analysed, call.Line,
                        $"{call.Name}() takes {key} ({lockTaken.Evidence}), which this path already holds ({Describe(view, held)}); {Why(LockWrappers.IsWaitingReadSide(lockTaken.Primitive.Name))}",
                        $"recursion:{key}:{call.Name}");
                    break;
                }
            }
        }
    }

    private static string Why(bool readSide) => readSide
        ? "the read side waits for the write hold to end, so this deadlocks"
        : "it is not recursive, so this deadlocks";

    /// <summary>
    /// The non-recursive locks a callee takes on every path: from its walk when it is in this file, else from the
    /// index's summary of its body (an acquire wrapper, or a lock taken on its main line).
    /// </summary>
    private static IReadOnlyList<LockWrapper> TakenByCallee(SourceContextAnalysis analysis, string name, CodeView view)
    {
        if (analysis.Function(name) is { } callee)
        {
            return LockWrappers.TakenOnEveryPath(callee, view.NewLine);
        }

        return analysis.Summaries?.LockFacts(name)
            .Where(f => f.Kind is Index.Summaries.LockFact.Takes or Index.Summaries.LockFact.Acquires)
            .Select(f => LockWrapper.FromFact(name, f)).OfType<LockWrapper>()
            .Where(w => LockWrappers.IsNonRecursive(w.Primitive.Name) || LockWrappers.IsWaitingReadSide(w.Primitive.Name)).ToList() ?? [];
    }

    /// <summary>
    /// The hold of <paramref name="key"/> that every path reaching the call has, when the lock is named by a plain
    /// access path whose variable the function never changes (a loop walking a list re-uses one name for many locks).
    /// </summary>
    private static HeldLock? HeldOnEveryPath(CallSite call, string key, Func<string, int, int, bool> reassigns)
    {
        var path = key.StartsWith('&') ? key[1..] : key;
        if (!LockWrapper.IsAccessPath(path))
        {
            return null;
        }

        var holds = call.States.Select(s => s.Held.LastOrDefault(h => h.Key == key && !h.FromEntry && LockWrappers.IsNonRecursive(h.AcquiredBy))).ToList();
        if (holds.Any(h => h is null))
        {
            return null;
        }

        // The walk follows code forward (a loop's body once, a backward goto ends the path), so only an assignment
        // between the first acquisition and this call can make the name stand for another lock.
        return reassigns(LockWrapper.RootOf(path), holds.Min(h => h!.Line), call.Line) ? null : holds[0];
    }

    /// <summary>The function's lines of the view.</summary>
    private static string FunctionText(CodeView view, FunctionContext function)
    {
        var starts = LineStarts.GetValue(view, v => [0, .. v.Text.Select((c, i) => (c, i)).Where(x => x.c == '\n').Select(x => x.i + 1)]);
        var first = Math.Clamp(function.Function.Line - 1, 0, starts.Length - 1);
        var end = function.Function.EndLine < starts.Length ? starts[function.Function.EndLine] : view.Text.Length;
        return end <= starts[first] ? string.Empty : view.Text[starts[first]..end];
    }

    /// <summary>Where each line of a view starts, made once per view: a file's functions are cut out of it one by one.</summary>
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<CodeView, int[]> LineStarts = new();

    /// <summary>
    /// Whether the function assigns the variable between lines <paramref name="fromLine"/> and <paramref name="toLine"/> of its text (not in a
    /// declaration: "struct foo *priv = netdev_priv(dev);" names one object for the whole function), steps it, or hands
    /// it to an iterator macro anywhere (list_for_each_entry(pos, …) moves it on each round).
    /// </summary>
    private static bool Reassigned(string text, string root, int fromLine, int toLine)
    {
        var name = Regex.Escape(root);
        foreach (Match assignment in Regex.Matches(text, $@"(?<![\w.>]){name}\s*(=(?!=)|\+\+|--|\+=|-=)", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1)))
        {
            var lineStart = assignment.Index == 0 ? 0 : text.LastIndexOf('\n', assignment.Index - 1) + 1;
            var before = text[lineStart..assignment.Index].TrimEnd();
            var declares = before.Length > 0 && (before[^1] == '*' || char.IsAsciiLetterOrDigit(before[^1]) || before[^1] == '_');
            var line = text.AsSpan(0, assignment.Index).Count('\n');
            if (!declares && line >= fromLine && line <= toLine)
            {
                return true;
            }
        }

        return Regex.IsMatch(text, $@"\w*for_each\w*\s*\(\s*&?{name}\b", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1)) ||
               Regex.IsMatch(text, $@"(\+\+|--)\s*{name}\b", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
    }
}
