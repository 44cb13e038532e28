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
    /// <summary>Index:Tree is indexed, when no Index:Path is given, through the per-tree cache that check --tree uses.</summary>
    public static ReviewEnvironment Load(KernelPrBotSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var inputs = AnalysisInputBuilder.Load(
            settings.Index.Tree, settings.Index.Path, tree => IndexCache.LoadOrBuild(tree, Console.Error, stderrIsTerminal: false), InputSettingNames.Bot);
        return new ReviewEnvironment { Inputs = inputs, Options = settings.Review.ToOptions() };
    }
}
