namespace KernelPrBot.Checks.Index.Summaries;

/// <summary>Where in its caller's body a call stands, as a one-pass scan of the body sees it.</summary>
[Flags]
public enum CallPosition : byte
{
    None = 0,

    /// <summary>Some atomic section (spinlock, RCU, irq/bh/preempt off) may be held: its sleeping does not make the caller sleep.</summary>
    MaybeAtomic = 1,

    /// <summary>An atomic section taken unconditionally in this block or an enclosing one is held.</summary>
    SurelyAtomic = 2,

    /// <summary>Under a test of the context (<c>gfpflags_allow_blocking()</c>, <c>in_atomic()</c>, a "can sleep" flag).</summary>
    Guarded = 4,

    /// <summary>The call is given a sleeping GFP flag (GFP_KERNEL…) or is an allocator that always sleeps.</summary>
    SleepingAllocation = 8,

    /// <summary>On some paths only: in the body of an if, else or switch.</summary>
    Conditional = 16,
}
