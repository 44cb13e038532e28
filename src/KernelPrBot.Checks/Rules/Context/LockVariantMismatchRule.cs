using KernelPrBot.Checks.Analysis.Context;
using KernelPrBot.Checks.Source;

namespace KernelPrBot.Checks.Rules.Context;

/// <summary>A lock released with another variant than it was taken with, or released twice on one path.</summary>
public sealed class LockVariantMismatchRule : ContextRule
{
    public override RuleDescriptor Descriptor { get; } = new(
        RuleIds.LockVariantMismatch,
        "Lock released with the wrong variant, or twice",
        RuleCategory.Locking,
        Severity.Error,
        "A lock is released with the variant that matches how it was taken: spin_lock_irqsave() with " +
        "spin_unlock_irqrestore(), spin_lock_irq() with spin_unlock_irq(), spin_lock_bh() with spin_unlock_bh(). " +
        "The wrong one leaves interrupts or bottom halves disabled (or enables them too early). Releasing a lock twice " +
        "on one path corrupts it. CONFIG_PROVE_LOCKING (lockdep) reports both at run time.");

    protected override void AnalyzeFunction(FileContext context, CodeView view, SourceContextAnalysis analysis, FunctionContext analysed)
    {
        var function = analysed;
        var restoresIrqs = function.HasCallTo("local_irq_restore") || function.HasCallTo("local_irq_enable");
        // A plain unlock of a lock taken with _irqsave/_irq/_bh is fine only when the lock is taken again and
        // released with the right variant, or interrupts are restored separately; otherwise it is owed at the exit.
        if (!restoresIrqs)
        {
            foreach (var owed in function.Returns.SelectMany(r => r.State.Held).Where(h => h.Key.StartsWith(PathWalker.KeptPrefix, StringComparison.Ordinal)).DistinctBy(h => h.Line))
            {
                var key = owed.Key[PathWalker.KeptPrefix.Length..];
                ReportIfConcerned(context, view, function, owed.Line,
                    $"{owed.CallText} releases a lock taken with {owed.AcquiredBy}() at line {view.NewLine(owed.AcquiredLine)}; use {owed.ExpectedRelease}()",
                    $"variant:{key}:{owed.AcquiredBy}");
            }
        }

        foreach (var e in function.Events.DistinctBy(e => (e.Kind, e.Line, e.Key)))
        {
            if (e.Kind == LockEventKind.VariantMismatch && e.Acquired is { } acquired)
            {
                // "spin_lock_irqsave(); …; spin_unlock(); …; local_irq_restore()" is a deliberate split.
                if (restoresIrqs && acquired.AcquiredBy.EndsWith("_irqsave", StringComparison.Ordinal))
                {
                    continue;
                }

                ReportIfConcerned(context, view, function, e.Line,
                    $"{e.ReleaseName}({e.Key}) releases a lock taken with {acquired.AcquiredBy}() at line {view.NewLine(acquired.Line)}; use {acquired.ExpectedRelease}()",
                    $"variant:{e.Key}:{e.ReleaseName}:{acquired.AcquiredBy}");
            }
            else if (e.Kind == LockEventKind.DoubleRelease)
            {
                ReportIfConcerned(context, view, function, e.Line,
                    $"{e.ReleaseName}({e.Key}) releases a lock that this path already released",
                    $"double:{e.Key}:{e.ReleaseName}");
            }
        }
    }
}
