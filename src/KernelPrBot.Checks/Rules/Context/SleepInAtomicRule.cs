using KernelPrBot.Checks.Analysis.Context;
using KernelPrBot.Checks.Kernel;
using KernelPrBot.Checks.Source;

namespace KernelPrBot.Checks.Rules.Context;

/// <summary>A call that may sleep (mutexes, msleep, wait_event, copy_to_user…) in atomic context.</summary>
public sealed class SleepInAtomicRule : ContextRule
{
    public override RuleDescriptor Descriptor { get; } = new(
        RuleIds.SleepInAtomic,
        "Sleeping call in atomic context",
        RuleCategory.Atomic,
        Severity.Error,
        "Mutexes, semaphores, msleep(), wait_event*(), wait_for_completion*(), copy_{to,from}_user(), synchronize_rcu(), " +
        "flush_work() and registration functions may sleep. They must not be called under a spinlock, with interrupts, " +
        "bottom halves or preemption disabled, inside rcu_read_lock(), or from an IRQ handler, timer, tasklet or NAPI poll " +
        "(Documentation/kernel-hacking/locking.rst). CONFIG_DEBUG_ATOMIC_SLEEP catches this at run time.");

    protected override void AnalyzeFunction(FileContext context, CodeView view, SourceContextAnalysis analysis, FunctionContext analysed)
    {
        var function = analysed;
        ReportNowSleeping(context, view, analysis, function);
        foreach (var call in function.Calls)
        {
            if (Allocators.IsAlwaysSleeping(call.Name))
            {
                continue;
            }

            var state = call.States.FirstOrDefault(s => s.IsAtomic);
            if (state?.AtomicCause is not { } cause || (cause.Key == "<entry>" && call.Name is "might_sleep_if"))
            {
                continue;
            }

            if (SleepingCalls.PollSleepArgumentOf(call.Name) is >= 0 and var sleep && sleep < call.ArgumentCount && call.Argument(sleep) == "0")
            {
                continue; // a polling loop without sleeps
            }

            if (!SleepingCalls.MaySleep(call.Name))
            {
                // A tree or file function that may sleep, with the chain of calls that shows it.
                if (analysis.Summaries?.MaySleep(call.Name) is { } chain && !EndsInAllocation(chain))
                {
                    ReportIfConcerned(context, view, function, call.Line,
                        $"{DescribeChain(chain)}; but {Where(view, function, cause)}; move the call out of the atomic section or use a non-sleeping alternative",
                        $"{call.Name}:{cause.Key}", "CONFIG_DEBUG_ATOMIC_SLEEP reports this at run time");
                }

                continue;
            }

            ReportIfConcerned(context, view, function, call.Line,
                $"{call.Name}() may sleep, but {Where(view, function, cause)}; move the call out of the atomic section or use a non-sleeping alternative",
                $"{call.Name}:{cause.Key}", "CONFIG_DEBUG_ATOMIC_SLEEP reports this at run time");
        }
    }

    /// <summary>The patch made a helper sleep that a caller elsewhere in the tree calls under a lock.</summary>
    private static void ReportNowSleeping(FileContext context, CodeView view, SourceContextAnalysis analysis, FunctionContext function)
    {
        if (NowSleepsUnderCaller(analysis, function) is { } found && !EndsInAllocation(found.Chain))
        {
            ReportIfConcerned(context, view, function, found.ViewLine,
                $"{DescribeChain(found.Chain)}; but {found.Caller}, which is atomic; keep {function.Function.Name}() from sleeping, or change that caller",
                $"{function.Function.Name}:now-sleeps:{found.Caller.Caller}", "CONFIG_DEBUG_ATOMIC_SLEEP reports this at run time");
        }
    }

    private static string Where(CodeView view, FunctionContext function, HeldLock cause) =>
        cause.Kind == LockKind.AtomicEntry
            ? $"{function.Function.Name}() runs as {cause.CallText}"
            : cause.Kind == LockKind.Rcu
                ? $"it is inside the RCU read-side section entered by {Describe(view, cause)}"
                : $"{Describe(view, cause)} is held";
}
