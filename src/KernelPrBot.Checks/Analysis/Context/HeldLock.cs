using KernelPrBot.Checks.Kernel;

namespace KernelPrBot.Checks.Analysis.Context;

/// <summary>
/// A lock or atomic section held on a path: the normalised lock expression (or a pseudo name such as
/// <c>rcu</c>), the call that took it and where. Scoped locks (guard/scoped_guard) are released by the compiler.
/// </summary>
public sealed record HeldLock(string Key, LockKind Kind, string AcquiredBy, string? ExpectedRelease, string CallText, int Line, bool Scoped, bool FromEntry, int AcquiredLine = 0)
{
    public string Describe() => FromEntry ? CallText : $"{CallText} (line {Line})";

    /// <summary>
    /// A lock this function took and must give back on every way out (lock-not-released): real locks and RCU read sections.
    /// Interrupt, bottom-half and preemption sections are often re-enabled on paths the analysis cannot follow, and
    /// lockdep reports those leaks clearly at run time.
    /// </summary>
    public bool MustBeReleased => !Scoped && !FromEntry && Kind is not (LockKind.IrqsOff or LockKind.BhOff or LockKind.PreemptOff);
}
