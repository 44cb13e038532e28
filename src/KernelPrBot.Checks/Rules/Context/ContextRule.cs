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
                AnalyzeFunction(context, view, function);
            }
        }
    }

    protected abstract void AnalyzeFunction(FileContext context, CodeView view, FunctionContext analysed);

    /// <summary>Reports at a line of the view when it concerns the patch.</summary>
    protected static void ReportIfConcerned(FileContext context, CodeView view, FunctionContext function, int viewLine, string message, string evidence, string? hint = null)
    {
        if (context.Concerns(view, function, viewLine))
        {
            context.Report(view.NewLine(viewLine), message, $"{function.Function.Name}:{evidence}", hint);
        }
    }

    /// <summary>"spin_lock(&amp;priv->lock) taken at line 118", with lines in the new file.</summary>
    protected static string Describe(CodeView view, HeldLock held) =>
        held.FromEntry ? held.CallText : $"{held.CallText} taken at line {view.NewLine(held.Line)}";
}
