using System.Globalization;
using KernelPrBot.Checks.Index;

namespace KernelPrBot.Inputs;

/// <summary>Scans a kernel tree into a symbol index, drawing progress on a terminal.</summary>
public static class TreeIndexing
{
    public static SymbolIndexBuilder Build(KernelTree tree, TextWriter progressWriter, bool isTerminal, out IndexStatistics statistics)
    {
        ArgumentNullException.ThrowIfNull(tree);
        ArgumentNullException.ThrowIfNull(progressWriter);
        var gate = new Lock();
        Action<int, int>? progress = isTerminal
            ? (done, total) =>
            {
                lock (gate)
                {
                    progressWriter.Write(string.Create(CultureInfo.InvariantCulture, $"\rindexing {done:N0}/{total:N0} files ({100 * done / Math.Max(1, total)}%)"));
                    if (done == total)
                    {
                        progressWriter.Write('\n');
                    }
                }
            }
            : null;
        var (builder, stats) = TreeIndexer.Scan(tree.Root, progress);
        statistics = stats;
        return builder;
    }
}
