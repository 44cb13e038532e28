using KernelPrBot.Checks.Source;

namespace KernelPrBot.Checks.Rules.Api.Deprecated;

/// <summary>A bare <c>%p</c> in a string: it prints a hashed address that helps nobody.</summary>
internal static class PointerFormatCheck
{
    public static void Check(FileContext context, CodeView view, Token literalToken)
    {
        var literal = literalToken.Text(view.Text);
        if (HasBarePointerFormat(literal))
        {
            DeprecatedCode.Report(context, view, literalToken.Line, $"bare %p in {DeprecatedCode.Shorten(literal)} prints a hashed, useless address; print what is needed (%pS for a symbol, %pe, %pa), or drop it",
                "percent-p:" + literal);
        }
    }

    /// <summary>A <c>%p</c> conversion with no extension letter after it (<c>%%p</c> is a literal percent sign).</summary>
    internal static bool HasBarePointerFormat(string literal)
    {
        for (var i = 0; i < literal.Length - 1; i++)
        {
            if (literal[i] != '%')
            {
                continue;
            }

            if (literal[i + 1] == '%')
            {
                i++;
                continue;
            }

            var j = i + 1;
            while (j < literal.Length && literal[j] is '-' or '+' or ' ' or '#' or '0' || (j < literal.Length && char.IsAsciiDigit(literal[j])))
            {
                j++;
            }

            if (j < literal.Length && literal[j] == 'p' && (j + 1 >= literal.Length || !char.IsAsciiLetterOrDigit(literal[j + 1])))
            {
                return true;
            }
        }

        return false;
    }
}
