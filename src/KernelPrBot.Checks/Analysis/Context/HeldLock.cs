using KernelPrBot.Checks.Kernel;

namespace KernelPrBot.Checks.Analysis.Context;

/// <summary>
/// A lock or atomic section held on a path: the normalised lock expression (or a pseudo name such as
/// <c>rcu</c>), the call that took it and where. Scoped locks (guard/scoped_guard) are released by the compiler.
/// </summary>
public sealed record HeldLock(string Key, LockKind Kind, string AcquiredBy, string? ExpectedRelease, string CallText, int Line, bool Scoped, bool FromEntry, int AcquiredLine = 0)
{
    public string Describe() => FromEntry ? CallText : $"{CallText} (line {Line})";
}
