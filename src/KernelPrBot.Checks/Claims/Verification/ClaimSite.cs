using KernelPrBot.Checks.Analysis.Context;
using KernelPrBot.Checks.Claims;
using KernelPrBot.Checks.Rules;
using KernelPrBot.Checks.Source;

namespace KernelPrBot.Checks.Claims.Verification;

/// <summary>Where a claim points, as the analysis sees it: the file's facts, the code view, the analysed function and the view line.</summary>
internal sealed record ClaimSite(ModelClaim Claim, FileFacts Facts, CodeView View, SourceContextAnalysis Analysis, FunctionContext Function, int ViewLine)
{
    /// <summary>The file's summaries: the tree's behind the file's own with an index, else the file's own.</summary>
    public FileSummaries Summaries => FileSummaries.Of(Analysis, View, Facts.File.Path);

    public string FunctionName => Function.Function.Name;

    /// <summary>The calls on the claimed line (or on an argument line of it); when none, on the line next to it.</summary>
    public IReadOnlyList<CallSite> Calls
    {
        get
        {
            var here = Function.Calls.Where(c => c.Line == ViewLine || c.ArgumentLines.Contains(ViewLine)).ToList();
            return here.Count > 0 ? here : Function.Calls.Where(c => Math.Abs(c.Line - ViewLine) == 1).ToList();
        }
    }

    public int NewLine(int viewLine) => View.NewLine(viewLine);
}
