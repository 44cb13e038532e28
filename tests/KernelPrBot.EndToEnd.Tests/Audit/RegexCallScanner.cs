using System.Text.RegularExpressions;

namespace KernelPrBot.EndToEnd.Tests.Audit;

/// <summary>
/// Finds regex constructions (<c>new Regex(</c>, <c>Regex X = new(</c>, <c>[GeneratedRegex(</c>) and static
/// <c>Regex.IsMatch/Match/Matches/Replace/Split(</c> calls in C# source, with their argument text.
/// </summary>
internal static partial class RegexCallScanner
{
    [GeneratedRegex(@"new\s+Regex\s*\(|\bRegex\??\s+\w+\s*=\s*new\s*\(|\[GeneratedRegex\s*\(|\bRegex\.(?:IsMatch|Match|Matches|Replace|Split|Count|EnumerateMatches)\s*\(", RegexOptions.None, 1000)]
    private static partial Regex CallStart();

    public static IEnumerable<(int Line, string Call, string Arguments)> Calls(string source)
    {
        foreach (Match m in CallStart().Matches(source))
        {
            var open = m.Index + m.Length - 1;
            var close = CloseParen(source, open);
            var line = 1 + source.AsSpan(0, m.Index).Count('\n');
            yield return (line, m.Value.TrimEnd('(').Trim(), source[(open + 1)..close]);
        }
    }

    /// <summary>Bounded: NonBacktracking, a TimeSpan or named timeout, or (for [GeneratedRegex]) a third argument in milliseconds.</summary>
    public static bool IsBounded(string call, string arguments)
    {
        if (arguments.Contains("NonBacktracking", StringComparison.Ordinal) || arguments.Contains("TimeSpan", StringComparison.Ordinal) ||
            arguments.Contains("Timeout", StringComparison.Ordinal))
        {
            return true;
        }

        return call.StartsWith("[GeneratedRegex", StringComparison.Ordinal) && TopLevelArgumentCount(arguments) >= 3;
    }

    private static int TopLevelArgumentCount(string arguments)
    {
        var count = arguments.Trim().Length == 0 ? 0 : 1;
        var depth = 0;
        for (var i = 0; i < arguments.Length; i++)
        {
            if (LiteralEnd(arguments, i) is > 0 and var end)
            {
                i = end - 1;
                continue;
            }

            var c = arguments[i];
            depth += c is '(' or '[' or '{' ? 1 : c is ')' or ']' or '}' ? -1 : 0;
            count += c == ',' && depth == 0 ? 1 : 0;
        }

        return count;
    }

    private static int CloseParen(string source, int open)
    {
        var depth = 0;
        for (var i = open; i < source.Length; i++)
        {
            if (LiteralEnd(source, i) is > 0 and var end)
            {
                i = end - 1;
                continue;
            }

            depth += source[i] == '(' ? 1 : source[i] == ')' ? -1 : 0;
            if (depth == 0)
            {
                return i;
            }
        }

        return source.Length;
    }

    /// <summary>When a string or char literal starts at <paramref name="i"/>, the index just after it; else -1.</summary>
    private static int LiteralEnd(string s, int i)
    {
        if (s[i] == '@' && i + 1 < s.Length && s[i + 1] == '"')
        {
            for (var j = i + 2; j < s.Length; j++)
            {
                if (s[j] == '"')
                {
                    if (j + 1 < s.Length && s[j + 1] == '"')
                    {
                        j++;
                        continue;
                    }

                    return j + 1;
                }
            }

            return s.Length;
        }

        if (s[i] is '"' or '\'')
        {
            var quote = s[i];
            for (var j = i + 1; j < s.Length; j++)
            {
                if (s[j] == '\\')
                {
                    j++;
                }
                else if (s[j] == quote)
                {
                    return j + 1;
                }
            }

            return s.Length;
        }

        return -1;
    }
}
