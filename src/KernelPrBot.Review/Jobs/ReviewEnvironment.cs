using KernelPrBot.Checks.Analysis;
using KernelPrBot.Checks.Kernel;
using KernelPrBot.Checks.Rules;
using KernelPrBot.Inputs;

namespace KernelPrBot.Review.Jobs;

/// <summary>What every job of a host shares: the rules, the trusted tree's inputs (index, checkpatch.pl, LICENSES/, MAINTAINERS) and the options.</summary>
public sealed record ReviewEnvironment
{
    public IReadOnlyList<Rule> Rules { get; init; } = RuleCatalog.All;

    /// <summary>The same builder the command line uses, loaded once from the settings Index:Tree and Index:Path.</summary>
    public AnalysisInputBuilder Inputs { get; init; } = AnalysisInputBuilder.Empty(InputSettingNames.Bot);

    public MaintainersFile? Maintainers => Inputs.Maintainers;

    public ReviewOptions Options { get; init; } = ReviewOptions.Default;

    /// <summary>The opt-in model stage (Llm:Enabled); null, the default, runs no model at all.</summary>
    public ModelStage.IModelReviewer? ModelReviewer { get; init; }

    /// <summary>Llm:PostUnverified: post the claims the analysis cannot check as marked suggestions (default: list them in the summary only).</summary>
    public bool PostUnverifiedClaims { get; init; }
}
