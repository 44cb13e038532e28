namespace KernelPrBot.Checks.Kernel;

/// <summary>What holding a lock (or disabling something) means for the code under it.</summary>
public enum LockKind
{
    Spin,
    RawSpin,
    ReadWrite,
    Mutex,
    Semaphore,
    RwSemaphore,
    Rcu,
    IrqsOff,
    BhOff,
    PreemptOff,

    /// <summary>The function runs in atomic context by how it is registered or called.</summary>
    AtomicEntry,

    /// <summary>Held on entry per an annotation; its kind is not known.</summary>
    Unknown,
}

public static class LockKindExtensions
{
    /// <summary>True when sleeping is a bug while this is held.</summary>
    public static bool IsAtomic(this LockKind kind) => kind is LockKind.Spin or LockKind.RawSpin or LockKind.ReadWrite or LockKind.Rcu
        or LockKind.IrqsOff or LockKind.BhOff or LockKind.PreemptOff or LockKind.AtomicEntry;
}
