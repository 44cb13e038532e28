using KernelPrBot.Checks.Analysis.Context;
using KernelPrBot.Checks.Index.Summaries;
using KernelPrBot.Checks.Kernel;
using KernelPrBot.Checks.Source;

namespace KernelPrBot.Checks.Rules.Context;

/// <summary>
/// A spinlock taken in process context without disabling what also takes it: a lock class (struct type and field,
/// or a file's variable) that a timer, tasklet, NAPI poll or RCU callback takes needs spin_lock_bh() (or _irq,
/// _irqsave) from process context; one a hard-IRQ handler takes needs spin_lock_irq()/_irqsave(). The interrupt
/// arrives on the CPU that holds the lock and spins on it forever (lockdep: "inconsistent {SOFTIRQ-ON-W} -&gt;
/// {IN-SOFTIRQ-W} usage"). Process context is certain only where the function may sleep, so only there is it judged.
/// </summary>
public sealed class LockIrqInconsistentRule : ContextRule
{
    public override RuleDescriptor Descriptor { get; } = new(
        RuleIds.LockIrqInconsistent,
        "Spinlock taken with interrupts on that an interrupt handler also takes",
        RuleCategory.Locking,
        Severity.Error,
        "A spinlock that a softirq callback (timer, tasklet, NAPI poll, RCU callback) takes must be taken with spin_lock_bh() " +
        "(or _irq/_irqsave) in process context; one a hard-IRQ handler takes needs spin_lock_irqsave(). Otherwise the " +
        "interrupt can arrive on the CPU that holds the lock and spin on it forever. CONFIG_PROVE_LOCKING (lockdep) reports " +
        "this at run time as inconsistent lock state.");

    protected override void AnalyzeFunction(FileContext context, CodeView view, SourceContextAnalysis analysis, FunctionContext analysed)
    {
        if (analysed.Entry is not null)
        {
            return;
        }

        var summaries = SummariesOf(context, view, analysis);
        var taken = summaries.TakenClasses(analysed.Function.Name);
        if (taken.Count == 0 || summaries.MaySleep(analysed.Function.Name) is not { } sleeps)
        {
            return;
        }

        foreach (var lockClass in taken)
        {
            if (summaries.IrqUse(lockClass.Lock) is not { } use || !Unprotected(lockClass.By, use))
            {
                continue;
            }

            var call = analysed.Calls.FirstOrDefault(c => c.Name == lockClass.By && view.NewLine(c.Line) == lockClass.Line);
            if (call is null || !call.States.Any(s => !Disabled(s, use)))
            {
                continue;
            }

            var needed = use.HardIrq ? "spin_lock_irqsave()" : "spin_lock_bh()";
            ReportIfConcerned(context, view, analysed, call.Line,
                $"{lockClass.By}({(call.ArgumentCount > 0 ? PathWalker.Normalise(call.Argument(0)) : string.Empty)}) takes a lock of class {lockClass.Lock} in process context ({DescribeChain(sleeps)}), but {use} in {(use.HardIrq ? "hard-IRQ" : "softirq")} context; " +
                $"that interrupt can arrive on this CPU while the lock is held and spin forever: use {needed}",
                $"irq:{lockClass.Lock}:{lockClass.By}", "CONFIG_PROVE_LOCKING (lockdep) reports this as inconsistent lock state");
        }
    }

    /// <summary>Whether the acquisition leaves the interrupt that takes the lock enabled.</summary>
    private static bool Unprotected(string primitive, IrqUse use) =>
        !primitive.EndsWith("_irq", StringComparison.Ordinal) && !primitive.EndsWith("_irqsave", StringComparison.Ordinal) &&
        !primitive.Contains("_irqsave_", StringComparison.Ordinal) && (use.HardIrq || !primitive.EndsWith("_bh", StringComparison.Ordinal)) &&
        !primitive.Contains("trylock", StringComparison.Ordinal);

    /// <summary>Whether a path already runs with that interrupt disabled (or in a context that is not plain process context).</summary>
    private static bool Disabled(ContextState state, IrqUse use) =>
        state.Held.Any(h => h.Kind is LockKind.IrqsOff or LockKind.AtomicEntry or LockKind.Unknown ||
                            (!use.HardIrq && h.Kind == LockKind.BhOff) ||
                            h.AcquiredBy.EndsWith("_irq", StringComparison.Ordinal) || h.AcquiredBy.EndsWith("_irqsave", StringComparison.Ordinal) ||
                            (!use.HardIrq && h.AcquiredBy.EndsWith("_bh", StringComparison.Ordinal)));
}
