namespace KernelPrBot.Checks;

/// <summary>The stable rule ids (users ignore and configure rules by them), for code that names a rule.</summary>
public static class RuleIds
{
    public const string AtomicSleepingAlloc = "atomic-sleeping-alloc";

    public const string SleepInAtomic = "sleep-in-atomic";

    public const string LockNotReleased = "lock-not-released";

    public const string LockVariantMismatch = "lock-variant-mismatch";

    public const string LockRecursion = "lock-recursion";

    public const string LockContextRequired = "lock-context-required";

    public const string LockIrqInconsistent = "lock-irq-inconsistent";

    public const string RcuDerefOutsideReadSection = "rcu-deref-outside-read-section";

    public const string UnknownSymbol = "unknown-symbol";

    public const string WrongArity = "wrong-arity";

    public const string UnknownHeader = "unknown-header";

    public const string DeprecatedApi = "deprecated-api";

    public const string RemovedApi = "removed-api";

    public const string AllocSizeofPointer = "alloc-sizeof-pointer";

    public const string MissingSignedOffBy = "missing-signed-off-by";

    public const string SignOffMismatch = "sign-off-mismatch";

    public const string AiSignOff = "ai-sign-off";

    public const string FixesTag = "fixes-tag";

    public const string CommitMessage = "commit-message";

    public const string SpdxLicense = "spdx-license";

    public const string Checkpatch = "checkpatch";
}
