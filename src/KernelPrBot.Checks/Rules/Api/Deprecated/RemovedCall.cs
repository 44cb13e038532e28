using KernelPrBot.Checks.Index;
using KernelPrBot.Checks.Kernel;

namespace KernelPrBot.Checks.Rules.Api.Deprecated;

/// <summary>
/// Whether a call names an interface the kernel has removed (<see cref="RemovedApis"/>) and the tree at hand does not
/// define it either: removed-api then reports it, and deprecated-api and unknown-symbol leave it alone.
/// </summary>
internal static class RemovedCall
{
    public static bool IsRemoved(string name, SymbolIndex? symbols) => RemovedApis.Find(name) is not null && !InKernel(name, symbols);

    /// <summary>tools/ keeps userspace copies (tools/include/linux/string.h declares strlcpy()): they do not count.</summary>
    private static bool InKernel(string name, SymbolIndex? symbols) =>
        symbols?.Find(name) is { } info && (info.Kinds & SymbolKinds.UserspaceOnly) == 0;
}
