namespace KernelPrBot.Checks.Kernel;

/// <summary>
/// A call that takes or drops a lock or an atomic section. <see cref="LockArgument"/> is the index of the lock
/// argument, or -1 for sections named by <see cref="PseudoLock"/> (rcu, irq, bh, preempt).
/// <see cref="Release"/> names the matching release of an acquire.
/// </summary>
public sealed record LockPrimitive(string Name, LockAction Action, LockKind Kind, int LockArgument, string? PseudoLock, string? Release)
{
    /// <summary>
    /// An acquisition that may meet a hold of the same lock expression without deadlocking: read sides (recursive
    /// reads), _nested forms (another lock of the class, by declaration), semaphores (counted) and host claims (the
    /// owner may claim again). Trylocks fail instead of waiting and are told apart by <see cref="Action"/>.
    /// </summary>
    public bool MayRetake { get; init; }
}
