using KernelPrBot.Checks.Analysis.Context;
using KernelPrBot.Checks.Kernel;
using KernelPrBot.Checks.Source;

namespace KernelPrBot.Checks.Rules.Context;

/// <summary>An allocation that may sleep (GFP_KERNEL, GFP_NOFS, vmalloc…) where sleeping is not allowed.</summary>
public sealed class AtomicSleepingAllocRule : ContextRule
{
    public override RuleDescriptor Descriptor { get; } = new(
        RuleIds.AtomicSleepingAlloc,
        "Sleeping allocation in atomic context",
        RuleCategory.Atomic,
        Severity.Error,
        "GFP_KERNEL, GFP_NOFS, GFP_NOIO and GFP_USER allocations may enter direct reclaim and sleep; vmalloc() always may. " +
        "Under a spinlock, with interrupts, bottom halves or preemption disabled, in an RCU read-side section, or in an " +
        "IRQ handler, timer, tasklet or NAPI poll, use GFP_ATOMIC or GFP_NOWAIT, or allocate before entering the section. " +
        "CONFIG_DEBUG_ATOMIC_SLEEP catches this at run time.");

    protected override void AnalyzeFunction(FileContext context, CodeView view, SourceContextAnalysis analysis, FunctionContext analysed)
    {
        var function = analysed;
        if (NowSleepsUnderCaller(analysis, function) is { } now && EndsInAllocation(now.Chain))
        {
            ReportIfConcerned(context, view, function, now.ViewLine,
                $"{DescribeChain(now.Chain)} with a sleeping GFP flag; but {now.Caller}, which is atomic; pass GFP_ATOMIC down or allocate before that caller takes its lock",
                $"{function.Function.Name}:now-allocates:{now.Caller.Caller}", "CONFIG_DEBUG_ATOMIC_SLEEP reports this at run time");
        }

        foreach (var call in function.Calls)
        {
            // Atomic context first: it is cheap, while an argument's text is as long as the calls nested in it.
            var state = call.States.FirstOrDefault(s => s.IsAtomic);
            if (state?.AtomicCause is not { } cause)
            {
                continue;
            }

            // Any call given flags that allow direct reclaim may sleep, not only the known allocators
            // (skb_page_frag_refill, usb_submit_urb, driver helpers that take a gfp_t).
            string? flag = null;
            var line = call.Line;
            if (!Allocators.IsAlwaysSleeping(call.Name))
            {
                for (var a = 0; a < call.ArgumentCount && flag is null; a++)
                {
                    if (Allocators.MentionsGfp(call, a) && Allocators.SleepingFlag(call.Words(a)) is { } sleeping)
                    {
                        flag = sleeping;
                        line = call.ArgumentLines[a];
                    }
                }

                if (flag is null)
                {
                    // A tree or file function whose main line allocates with a sleeping flag.
                    if (analysis.Summaries?.MaySleep(call.Name) is { } chain && EndsInAllocation(chain))
                    {
                        var at = cause.Kind == LockKind.AtomicEntry ? $"{function.Function.Name}() runs as {cause.CallText}" : $"{Describe(view, cause)} is held";
                        ReportIfConcerned(context, view, function, call.Line,
                            $"{DescribeChain(chain)} with a sleeping GFP flag; but {at}; allocate before entering the atomic section, or pass GFP_ATOMIC down",
                            $"{call.Name}:chain:{cause.Key}", "CONFIG_DEBUG_ATOMIC_SLEEP reports this at run time");
                    }

                    continue;
                }
            }

            var what = flag is null ? $"{call.Name}() may sleep" : $"{call.Name}({flag}) may sleep";
            var where = cause.Kind == LockKind.AtomicEntry
                ? $"{function.Function.Name}() runs as {cause.CallText}"
                : $"{Describe(view, cause)} is held";
            var fix = flag is null ? "allocate before entering the atomic section" : cause.Kind == LockKind.AtomicEntry ? "use GFP_ATOMIC or GFP_NOWAIT, or allocate ahead of time (for example at probe)" : "use GFP_ATOMIC or GFP_NOWAIT, or allocate before taking the lock";
            ReportIfConcerned(context, view, function, line, $"{what}, but {where}; {fix}", $"{call.Name}:{flag}:{cause.Key}", "CONFIG_DEBUG_ATOMIC_SLEEP reports this at run time");
        }
    }
}
