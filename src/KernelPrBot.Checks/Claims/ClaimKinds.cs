namespace KernelPrBot.Checks.Claims;

/// <summary>The kinds a claim may name: the code rules' ids, and <c>other</c> for what no rule models.</summary>
public static class ClaimKinds
{
    public const string Other = "other";

    /// <summary>For each kind, the rules whose finding on the claimed line confirms it.</summary>
    private static readonly Dictionary<string, string[]> ConfirmingRules = new(StringComparer.Ordinal)
    {
        [RuleIds.SleepInAtomic] = [RuleIds.SleepInAtomic, RuleIds.AtomicSleepingAlloc],
        [RuleIds.AtomicSleepingAlloc] = [RuleIds.AtomicSleepingAlloc, RuleIds.SleepInAtomic],
        [RuleIds.LockNotReleased] = [RuleIds.LockNotReleased],
        [RuleIds.LockRecursion] = [RuleIds.LockRecursion],
        [RuleIds.LockVariantMismatch] = [RuleIds.LockVariantMismatch],
        [RuleIds.LockContextRequired] = [RuleIds.LockContextRequired, RuleIds.RcuDerefOutsideReadSection],
        [RuleIds.LockIrqInconsistent] = [RuleIds.LockIrqInconsistent],
        [RuleIds.RcuDerefOutsideReadSection] = [RuleIds.RcuDerefOutsideReadSection, RuleIds.LockContextRequired],
        [RuleIds.UnknownSymbol] = [RuleIds.UnknownSymbol],
        [RuleIds.WrongArity] = [RuleIds.WrongArity],
        [RuleIds.UnknownHeader] = [RuleIds.UnknownHeader],
        [RuleIds.DeprecatedApi] = [RuleIds.DeprecatedApi, RuleIds.RemovedApi],
        [RuleIds.RemovedApi] = [RuleIds.RemovedApi, RuleIds.DeprecatedApi],
        [RuleIds.AllocSizeofPointer] = [RuleIds.AllocSizeofPointer],
        [Other] = [],
    };

    public static IReadOnlyCollection<string> All => ConfirmingRules.Keys;

    public static bool IsKnown(string kind) => ConfirmingRules.ContainsKey(kind);

    public static IReadOnlyList<string> RulesConfirming(string kind) => ConfirmingRules.TryGetValue(kind, out var rules) ? rules : [];
}
