namespace KernelPrBot.Checks.Analysis.Context;

/// <summary>A conditional acquisition whose result went into a variable (<c>ret = mutex_lock_interruptible(&amp;m)</c>).</summary>
public sealed record PendingAcquire(HeldLock Lock, bool HeldWhenZero);
