using System.Text.RegularExpressions;
using KernelPrBot.Checks.Source;

namespace KernelPrBot.Checks.Rules.Api.Deprecated;

/// <summary>A comment that marks a switch fall-through; the kernel writes the <c>fallthrough;</c> pseudo-keyword.</summary>
internal static partial class FallThroughCommentCheck
{
    // The atomic groups keep a long run of spaces from being split between [\s.!]* and \s* in every way
    // (quadratic) when the comment turns out not to match.
    [GeneratedRegex(@"^(?:/\*+|//)\s*(?:else,?\s*)?(?:intentional(?:ly)?\s*)?(?:fall(?:s|ing)?[\s-]?thr(?:ough|u|ew)|lint -fallthrough|@fallthrough@)(?>[\s.!]*)(?>-[^\n]*)?\s*(?:\*+/)?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, 1000)]
    internal static partial Regex Pattern { get; }

    public static void Check(FileContext context, CodeView view, Token comment)
    {
        var body = comment.Text(view.Text);
        if (Pattern.IsMatch(body.Trim()))
        {
            DeprecatedCode.Report(context, view, comment.Line, $"'{DeprecatedCode.Shorten(body.Trim())}' marks a fall-through with a comment; write 'fallthrough;' instead",
                "fallthrough-comment");
        }
    }
}
