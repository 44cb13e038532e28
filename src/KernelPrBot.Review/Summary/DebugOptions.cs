using KernelPrBot.Checks.Rules;

namespace KernelPrBot.Review.Summary;

/// <summary>The kernel debug options that catch, at run time, what a category of findings is about.</summary>
public static class DebugOptions
{
    public static string? For(RuleCategory category) => category switch
    {
        RuleCategory.Atomic => "`CONFIG_DEBUG_ATOMIC_SLEEP=y`: `might_sleep()` splats \"BUG: sleeping function called from invalid context\" when a sleeping call runs in atomic context.",
        RuleCategory.Locking => "`CONFIG_PROVE_LOCKING=y` (lockdep) with `CONFIG_DEBUG_LOCK_ALLOC=y`: reports locks held on return, inconsistent irq-safety and lock-order inversions.",
        RuleCategory.Rcu => "`CONFIG_PROVE_RCU=y`: `rcu_dereference()` outside a read-side critical section warns \"suspicious rcu_dereference_check() usage\".",
        RuleCategory.Api => "`CONFIG_KASAN=y` and `CONFIG_UBSAN_BOUNDS=y` (with `CONFIG_FORTIFY_SOURCE=y`): catch the overflows that open-coded size arithmetic and unbounded string copies lead to.",
        _ => null,
    };
}
