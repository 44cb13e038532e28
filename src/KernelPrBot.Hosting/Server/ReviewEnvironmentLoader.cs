using KernelPrBot.Checks.Index;
using KernelPrBot.Hosting.Settings;
using KernelPrBot.Inputs;
using KernelPrBot.Review.Jobs;

namespace KernelPrBot.Hosting.Server;

/// <summary>
/// Loads what all jobs share, for the server, <c>replay</c> and the Functions worker alike: the trusted tree's inputs
/// (<see cref="AnalysisInputBuilder"/>, as <c>kernel-pr-bot check --tree</c> loads them) and the review options.
/// </summary>
public static class ReviewEnvironmentLoader
{
    /// <param name="indexTree">Indexes Index:Tree when no Index:Path is given; by default the per-tree cache, which builds it once.</param>
    public static ReviewEnvironment Load(KernelPrBotSettings settings, Func<KernelTree, SymbolIndex>? indexTree = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        indexTree ??= tree => IndexCache.LoadOrBuild(tree, Console.Error, stderrIsTerminal: false);
        var inputs = AnalysisInputBuilder.Load(settings.Index.Tree, settings.Index.Path, indexTree, InputSettingNames.Bot);
        return new ReviewEnvironment { Inputs = inputs, Options = settings.Review.ToOptions() };
    }
}
