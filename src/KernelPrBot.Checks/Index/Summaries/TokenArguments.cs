using KernelPrBot.Checks.Source;

namespace KernelPrBot.Checks.Index.Summaries;

/// <summary>
/// A call's arguments read straight from the token list. The index scan builds no bracket map (it reads every body
/// of a tree once), so each lookup walks at most 400 tokens from the call's '('.
/// </summary>
internal static class TokenArguments
{
    private const int MaxTokens = 400;

    /// <summary>The tokens [start, end) of argument <paramref name="index"/> of the call whose '(' is at <paramref name="open"/> (empty when there is none).</summary>
    public static (int Start, int End) Range(string text, List<Token> tokens, int open, int index)
    {
        var depth = 0;
        var current = 0;
        var start = open + 1;
        for (var k = open; k < tokens.Count && k < open + MaxTokens; k++)
        {
            var c = Bracket(text, tokens[k]);
            if (c is '(' or '[' or '{')
            {
                depth++;
            }
            else if (c is ')' or ']' or '}')
            {
                if (--depth == 0)
                {
                    return current == index ? (start, k) : (k, k);
                }
            }
            else if (depth == 1 && c == ',')
            {
                if (current == index)
                {
                    return (start, k);
                }

                current++;
                start = k + 1;
            }
        }

        return (open, open);
    }

    /// <summary>How many arguments the call whose '(' is at <paramref name="open"/> has (0 for "()"), or -1 when it does not close in reach.</summary>
    public static int Count(string text, List<Token> tokens, int open)
    {
        var depth = 0;
        var commas = 0;
        for (var k = open; k < tokens.Count && k < open + MaxTokens; k++)
        {
            var c = Bracket(text, tokens[k]);
            if (c is '(' or '[' or '{')
            {
                depth++;
            }
            else if (c is ')' or ']' or '}')
            {
                if (--depth == 0)
                {
                    return k == open + 1 ? 0 : commas + 1;
                }
            }
            else if (depth == 1 && c == ',')
            {
                commas++;
            }
        }

        return -1;
    }

    /// <summary>The text of one argument without spaces, as the path walk normalises lock expressions.</summary>
    public static string Text(string text, List<Token> tokens, int open, int index)
    {
        var (start, end) = Range(text, tokens, open, index);
        var sb = new System.Text.StringBuilder();
        for (var k = start; k < end; k++)
        {
            sb.Append(text, tokens[k].Start, tokens[k].Length);
        }

        return sb.ToString();
    }

    private static char Bracket(string text, Token token) =>
        token is { Kind: TokenKind.Punctuator, Length: 1 } ? text[token.Start] : '\0';
}
