namespace KernelPrBot.Checks.Analysis.Context;

public enum LockEventKind
{
    VariantMismatch,
    DoubleRelease,

    /// <summary>A release of a lock this function did not take: it drops its caller's lock.</summary>
    UnmatchedRelease,
}

/// <summary>A release that does not fit what was taken: another variant, or a second release on the same path.</summary>
public sealed record LockEvent(LockEventKind Kind, HeldLock? Acquired, string ReleaseName, string Key, string ReleaseText, int Line);
