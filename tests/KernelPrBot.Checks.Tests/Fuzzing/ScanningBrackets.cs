using KernelPrBot.Checks.Source;

namespace KernelPrBot.Checks.Tests.Fuzzing;

/// <summary>The plain scans that <see cref="BracketMap"/> must answer exactly as: the oracle of its property test.</summary>
internal static class ScanningBrackets
{
    /// <summary>The index of the bracket closing the '(', '[' or '{' at <paramref name="open"/>, searching below <paramref name="limit"/>; -1 when unbalanced.</summary>
    public static int Close(string source, IReadOnlyList<Token> code, int open, int limit)
    {
        if (open < 0 || open >= code.Count)
        {
            return -1;
        }

        var (opener, closer) = code[open].Is(source, "(") ? ("(", ")") : code[open].Is(source, "[") ? ("[", "]") : ("{", "}");
        var depth = 0;
        for (var k = open; k < Math.Min(limit, code.Count); k++)
        {
            if (code[k].Is(source, opener))
            {
                depth++;
            }
            else if (code[k].Is(source, closer) && --depth == 0)
            {
                return k;
            }
        }

        return -1;
    }

    /// <summary>The top-level comma-separated ranges [Start, End) between <paramref name="start"/> and <paramref name="end"/>; none when empty.</summary>
    public static List<(int Start, int End)> SplitArguments(string source, IReadOnlyList<Token> code, int start, int end)
    {
        var result = new List<(int, int)>();
        if (end <= start)
        {
            return result;
        }

        var depth = 0;
        var argStart = start;
        for (var k = start; k < end; k++)
        {
            var t = code[k];
            if (t.Is(source, "(") || t.Is(source, "[") || t.Is(source, "{"))
            {
                depth++;
            }
            else if (t.Is(source, ")") || t.Is(source, "]") || t.Is(source, "}"))
            {
                depth--;
            }
            else if (depth == 0 && t.Is(source, ","))
            {
                result.Add((argStart, k));
                argStart = k + 1;
            }
        }

        result.Add((argStart, end));
        return result;
    }
}
