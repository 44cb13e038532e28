using KernelPrBot.Hosting.Settings;
using KernelPrBot.Inputs;
using KernelPrBot.ModelReview;
using KernelPrBot.Review.Jobs;
using KernelPrBot.Review.ModelStage;

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
        return new ReviewEnvironment
        {
            Inputs = inputs,
            Options = settings.Review.ToOptions(),
            ModelReviewer = settings.Llm.Enabled && !settings.Llm.Problems().Any() ? ModelReviewerFor(settings) : null,
            PostUnverifiedClaims = settings.Llm.PostUnverified,
        };
    }

    /// <summary>The model stage over the configured provider, its HTTP calls through the bot's resilience handlers.</summary>
    public static IModelReviewer ModelReviewerFor(KernelPrBotSettings settings, HttpMessageHandler? inner = null, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var options = settings.Llm.ToOptions();
#pragma warning disable CA2000 // the client lives as long as the process, as the reviewer that holds it
        var http = new HttpClient(Http.ForgeHttpHandlers.Unpaced(settings.Llm.Resilience(settings.Http), time, inner)) { Timeout = Timeout.InfiniteTimeSpan };
#pragma warning restore CA2000
        return new ModelReviewer(ChatClientFactory.Create(options, http), options, new FileModelStageStore(options.CacheDirectory!), time);
    }
}
