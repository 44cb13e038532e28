using KernelPrBot.Checks.Index;
using KernelPrBot.Checks.Kernel;
using KernelPrBot.Checks.Rules;

namespace KernelPrBot.Review.Jobs;

/// <summary>What every job of a host shares: the rules, the base tree's symbol index and MAINTAINERS when the host has them, and the options.</summary>
public sealed record ReviewEnvironment
{
    public IReadOnlyList<Rule> Rules { get; init; } = RuleCatalog.All;

    public SymbolIndex? Symbols { get; init; }

    public MaintainersFile? Maintainers { get; init; }

    public ReviewOptions Options { get; init; } = ReviewOptions.Default;
}
