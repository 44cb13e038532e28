using KernelPrBot.Checks.Rules;
using KernelPrBot.Checks.Rules.Api;
using KernelPrBot.Checks.Rules.Context;
using KernelPrBot.Checks.Rules.License;
using KernelPrBot.Checks.Rules.Process;
using KernelPrBot.Checks.Rules.Style;

namespace KernelPrBot.Checks.Analysis;

/// <summary>Every rule the library ships, in catalogue order (DESIGN.md §5). Rules of later stages join here.</summary>
public static class RuleCatalog
{
    public static IReadOnlyList<Rule> All { get; } =
    [
        new AtomicSleepingAllocRule(),
        new SleepInAtomicRule(),
        new LockNotReleasedRule(),
        new LockVariantMismatchRule(),
        new LockRecursionRule(),
        new LockContextRequiredRule(),
        new LockIrqInconsistentRule(),
        new RcuDerefOutsideReadSectionRule(),
        new UnknownSymbolRule(),
        new WrongArityRule(),
        new UnknownHeaderRule(),
        new DeprecatedApiRule(),
        new RemovedApiRule(),
        new AllocSizeofPointerRule(),
        new MissingSignedOffByRule(),
        new SignOffMismatchRule(),
        new AiSignOffRule(),
        new FixesTagRule(),
        new CommitMessageRule(),
        new SpdxLicenseRule(),
        new CheckpatchRule(),
    ];

    public static IReadOnlyList<string> Ids { get; } = All.Select(r => r.Descriptor.Id).ToList();

    public static Rule? Find(string id) => All.FirstOrDefault(r => r.Descriptor.Id == id);
}
