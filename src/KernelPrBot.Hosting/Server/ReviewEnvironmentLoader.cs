using KernelPrBot.Checks.Index;
using KernelPrBot.Checks.Kernel;
using KernelPrBot.Hosting.Settings;
using KernelPrBot.Review.Jobs;

namespace KernelPrBot.Hosting.Server;

/// <summary>Loads what all jobs share: the symbol index (a file, or built from the trusted tree) and the tree's MAINTAINERS.</summary>
public static class ReviewEnvironmentLoader
{
    /// <param name="indexTree">Builds (or loads a cached) index of a tree; without it Index:Tree only supplies MAINTAINERS.</param>
    public static ReviewEnvironment Load(KernelPrBotSettings settings, Func<string, SymbolIndex>? indexTree = null)
    {
        SymbolIndex? symbols = null;
        MaintainersFile? maintainers = null;
        var tree = settings.Index.Tree;
        if (settings.Index.Path is { Length: > 0 } path)
        {
            symbols = SymbolIndex.Load(path);
        }
        else if (tree is { Length: > 0 } && indexTree is not null && TreeIndexer.IsKernelTree(tree))
        {
            symbols = indexTree(tree);
        }

        if (tree is { Length: > 0 } && File.Exists(Path.Combine(tree, "MAINTAINERS")))
        {
            maintainers = MaintainersFile.FromTree(tree);
        }

        return new ReviewEnvironment { Symbols = symbols, Maintainers = maintainers, Options = settings.Review.ToOptions() };
    }
}
