using KernelPrBot.Checks.Index;
using KernelPrBot.Checks.Kernel;
using KernelPrBot.Checks.Rules.Api.Deprecated;

namespace KernelPrBot.Checks.Rules.Api;

/// <summary>
/// A call on an added line to an interface current kernels no longer have (<see cref="RemovedApis"/>: strlcpy(),
/// the pci-dma-compat calls, setup_timer(), …). It needs no tree: that is the point, since it is what code written
/// from older kernels calls. With a symbol index that still has the name (an older tree), nothing is reported here and
/// deprecated-api speaks for the names it lists; the patch's own definitions win too.
/// </summary>
public sealed class RemovedApiRule : Rule
{
    public override RuleDescriptor Descriptor { get; } = new(
        RuleIds.RemovedApi,
        "Call to an interface the kernel has removed",
        RuleCategory.Api,
        Severity.Error,
        "The patch calls an interface that current kernels no longer have (strlcpy() since v6.8, the pci_*() DMA " +
        "wrappers since v5.18, setup_timer(), ACCESS_ONCE(), the RCU-bh/sched calls, …), so it does not build. Code " +
        "written from older drivers, and tools trained on them, still produce these calls. The message names the " +
        "replacement. Works without a tree; with a symbol index that still defines the name, it stays silent.");

    public override void AnalyzeFile(FileContext context)
    {
        if (!context.IsKernelCSource)
        {
            return;
        }

        var symbols = context.Options.Symbols;
        foreach (var view in context.Code)
        {
            PatchDefinitions? local = null;
            foreach (var call in CallFinder.AddedCalls(view))
            {
                if (!RemovedCall.IsRemoved(call.Name, symbols) || RemovedApis.Find(call.Name) is not { } removed ||
                    context.Definitions.Defines(call.Name) || (local ??= PatchDefinitions.ForView(view)).Defines(call.Name))
                {
                    continue;
                }

                context.Report(
                    view.NewLine(call.ViewLine),
                    $"{call.Name}() no longer exists in the kernel ({removed.Removal}); use {removed.Replacement}",
                    "removed-api:" + call.Name,
                    $"use {removed.Replacement}");
            }
        }
    }
}
