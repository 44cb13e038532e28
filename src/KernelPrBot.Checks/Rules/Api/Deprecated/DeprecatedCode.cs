using KernelPrBot.Checks.Source;

namespace KernelPrBot.Checks.Rules.Api.Deprecated;

/// <summary>What the checks of deprecated.rst share: reporting on a view's line, call arguments, short quotes.</summary>
internal static class DeprecatedCode
{
    // A call or array size longer than this is unbalanced code from a hunk, not something to scan to the end.
    private const int MaxBracketTokens = 2000;

    public static void Report(FileContext context, CodeView view, int viewLine, string message, string evidence) =>
        context.Report(view.NewLine(viewLine), message, evidence);

    public static string Shorten(string text) => TextClip.Shorten(text, 50);

    /// <summary>The bracket closing the one at <paramref name="open"/>, or -1.</summary>
    public static int FindClose(CodeView view, int open) => view.Brackets.Close(open, open + MaxBracketTokens);

    /// <summary>The arguments of the call whose '(' is at <paramref name="open"/>, as (start, count) token ranges.</summary>
    public static List<(int Start, int Count)> SplitArguments(CodeView view, int open)
    {
        var close = FindClose(view, open);
        return close < 0 ? [] : view.Brackets.SplitArguments(open + 1, close).Select(a => (a.Start, a.End - a.Start)).ToList();
    }

    /// <summary>The call's bracketed arguments as written, for the finding's fingerprint.</summary>
    public static string ArgumentText(CodeView view, IReadOnlyList<Token> code, int open)
    {
        var close = FindClose(view, open);
        return close < 0 ? string.Empty : string.Concat(code.Skip(open).Take(close - open + 1).Select(t => t.Text(view.Text)));
    }

    /// <summary>The source between two tokens, with runs of white space folded to one space.</summary>
    public static string SourceText(string text, Token first, Token last) =>
        string.Join(' ', text.Substring(first.Start, last.Start + last.Length - first.Start).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}
