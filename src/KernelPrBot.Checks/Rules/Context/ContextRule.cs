using KernelPrBot.Checks.Analysis.Context;
using KernelPrBot.Checks.Source;

namespace KernelPrBot.Checks.Rules.Context;

/// <summary>Base of the rules that read the context analysis: they visit each analysed function of a C file.</summary>
public abstract class ContextRule : Rule, IDifferentialRule
{
    public sealed override void AnalyzeFile(FileContext context)
    {
        if (!context.IsCSource)
        {
            return;
        }

        foreach (var (view, analysis) in context.Contexts)
        {
            foreach (var function in analysis.Functions)
            {
                AnalyzeFunction(context, view, analysis, function);
            }
        }
    }

    protected abstract void AnalyzeFunction(FileContext context, CodeView view, SourceContextAnalysis analysis, FunctionContext analysed);

    /// <summary>Reports at a line of the view when it concerns the patch.</summary>
    protected static void ReportIfConcerned(FileContext context, CodeView view, FunctionContext function, int viewLine, string message, string evidence, string? hint = null)
    {
        if (context.Concerns(view, function, viewLine))
        {
            context.Report(view.NewLine(viewLine), message, $"{function.Function.Name}:{evidence}", hint);
        }
    }

    /// <inheritdoc cref="Index.Summaries.SleepStep.Describe"/>
    protected static string DescribeChain(IReadOnlyList<Index.Summaries.SleepStep> chain) => Index.Summaries.SleepStep.Describe(chain);

    /// <summary>A chain that ends in an allocation given a sleeping GFP flag (reported as a sleeping allocation, not a sleeping call).</summary>
    protected static bool EndsInAllocation(IReadOnlyList<Index.Summaries.SleepStep> chain) =>
        chain is { Count: > 0 } && Index.Summaries.FunctionBodyScanner.IsAllocator(chain[^1].Callee);

    /// <summary>
    /// A function of the file that sleeps while the tree's version does not, called by a tree function under a lock:
    /// the view line of its first sleeping call (or null), with the chain and the caller.
    /// </summary>
    protected static (int ViewLine, IReadOnlyList<Index.Summaries.SleepStep> Chain, Index.Summaries.LockedCaller Caller)? NowSleepsUnderCaller(SourceContextAnalysis analysis, FunctionContext function)
    {
        ArgumentNullException.ThrowIfNull(analysis);
        ArgumentNullException.ThrowIfNull(function);
        if (function.Entry is not null || analysis.Summaries?.NowSleepsUnderCaller(function.Function.Name, function.Function.IsStatic) is not { } found)
        {
            return null;
        }

        var call = function.Calls.FirstOrDefault(c => c.Name == found.Chain[0].Callee);
        return call is null ? null : (call.Line, found.Chain, found.Caller);
    }

    /// <summary>The view's summaries: the tree's behind the file's own with an index, else the file's own alone (made once per view).</summary>
    protected static FileSummaries SummariesOf(FileContext context, CodeView view, SourceContextAnalysis analysis)
    {
        ArgumentNullException.ThrowIfNull(context);
        return FileSummaries.Of(analysis, view, context.File.Path);
    }

    /// <summary>"spin_lock(&amp;priv->lock) taken at line 118", with lines in the new file.</summary>
    protected static string Describe(CodeView view, HeldLock held) =>
        held.FromEntry ? held.CallText : $"{held.CallText} taken at line {view.NewLine(held.Line)}";
}
