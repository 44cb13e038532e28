using KernelPrBot.Checks.Analysis.Context;
using KernelPrBot.Checks.Kernel;
using KernelPrBot.Checks.Source;

namespace KernelPrBot.Checks.Rules.Context;

/// <summary>
/// rcu_dereference() and the _rcu list walkers outside an RCU read-side section, in a function that manages RCU
/// itself (it, or its base version, takes rcu_read_lock()), or on a pointer its base version read with a protected
/// accessor (rcu_dereference_protected(), rtnl_dereference()): callers elsewhere may hold RCU for the others.
/// </summary>
public sealed class RcuDerefOutsideReadSectionRule : ContextRule
{
    public override RuleDescriptor Descriptor { get; } = new(
        RuleIds.RcuDerefOutsideReadSection,
        "RCU-protected pointer read outside rcu_read_lock()",
        RuleCategory.Rcu,
        Severity.Error,
        "rcu_dereference() and list_for_each_entry_rcu() must run inside rcu_read_lock()/rcu_read_unlock() (or guard(rcu)); " +
        "outside it the object can be freed under the reader. Code that holds the update-side lock uses " +
        "rcu_dereference_protected() or passes the lockdep condition to the list walker. CONFIG_PROVE_RCU reports this at run time.");

    protected override void AnalyzeFunction(FileContext context, CodeView view, SourceContextAnalysis analysis, FunctionContext analysed)
    {
        var function = analysed;
        var before = context.BaseAnalysis?.Function(function.Function.Name);
        var managesRcu = function.UsesRcuReadLock || before?.UsesRcuReadLock == true;

        // Pointers the base version read with a protected accessor (rcu_dereference_protected(), rtnl_dereference()):
        // turned into a plain rcu_dereference() with no read section, the protection the base named is gone.
        var protectedBefore = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var call in before?.Calls ?? [])
        {
            if (RcuAccessors.IsProtectedAccessor(call.Name) && call.ArgumentCount > 0)
            {
                protectedBefore.TryAdd(call.Argument(0), call.Name);
            }
        }

        // A sleeping lock this function took: its callers cannot be inside a read section (they would sleep in it).
        static HeldLock? SleepingLock(ContextState s) => s.InRcuReadSection ? null
            : s.Held.FirstOrDefault(h => !h.FromEntry && h.Kind is LockKind.Mutex or LockKind.Semaphore or LockKind.RwSemaphore);
        // Under srcu_read_lock() the walk is SRCU-protected (hlist_for_each_entry_srcu() would say so): not this case.
        var usesSrcu = function.Calls.Any(c => c.Name.StartsWith("srcu_read_lock", StringComparison.Ordinal));
        var takesSleepingLock = !usesSrcu && function.Calls.Any(c => c.States.Any(s => SleepingLock(s) is not null));
        if (!managesRcu && protectedBefore.Count == 0 && !takesSleepingLock)
        {
            return;
        }

        foreach (var call in function.Calls.Where(c => RcuAccessors.NeedsReadSection(c.Name, c.ArgumentCount)))
        {
            string? wasProtectedBy = null;
            var underSleepingLock = takesSleepingLock ? call.States.Select(SleepingLock).FirstOrDefault(h => h is not null) : null;
            if (!managesRcu && underSleepingLock is null && (call.ArgumentCount == 0 || !protectedBefore.TryGetValue(call.Argument(0), out wasProtectedBy)))
            {
                continue;
            }

            // Outside RCU on some path, and not under an update-side lock or a section that excludes
            // readers. Running as a callback (IRQ, softirq) is not a read-side section for lockdep-RCU.
            if (!call.States.Any(s => !s.InRcuReadSection && !s.Held.Any(h => h.Kind.IsAtomic() && h.Kind != LockKind.AtomicEntry)))
            {
                continue;
            }

            var section = function.Calls.FirstOrDefault(c => c.Name.StartsWith("rcu_read_lock", StringComparison.Ordinal));
            var where = section is not null ? $" (this function's read section starts at line {view.NewLine(section.Line)})"
                : underSleepingLock is not null ? $" (under {underSleepingLock.CallText} from line {view.NewLine(underSleepingLock.Line)}: a caller cannot hold rcu_read_lock() around a sleeping lock)"
                : wasProtectedBy is not null ? $" (the base version read it with {wasProtectedBy}(), under the update-side lock)"
                : string.Empty;
            ReportIfConcerned(context, view, function, call.Line,
                $"{call.Name}() outside an RCU read-side section{where}; wrap the access in rcu_read_lock()/rcu_read_unlock(), or use rcu_dereference_protected() under the update lock",
                $"{call.Name}:{string.Join(",", call.Arguments)}", "CONFIG_PROVE_RCU reports this at run time");
        }
    }
}
