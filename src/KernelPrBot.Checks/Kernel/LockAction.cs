namespace KernelPrBot.Checks.Kernel;

public enum LockAction
{
    Acquire,
    Release,

    /// <summary>Holds only when it returns non-zero (spin_trylock, mutex_trylock, down_read_trylock).</summary>
    TryAcquireNonZero,

    /// <summary>Holds only when it returns zero (mutex_lock_interruptible, down_interruptible, down_trylock).</summary>
    TryAcquireZero,
}
