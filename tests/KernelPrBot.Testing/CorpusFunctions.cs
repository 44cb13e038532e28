using System.Text.RegularExpressions;

namespace KernelPrBot.Testing;

/// <summary>A function of a real file as the corpus generators find it: name, parameter names, static, and the lines of its '{' and '}' (column 0).</summary>
public sealed record CorpusFunction(string Name, IReadOnlyList<string> Parameters, bool IsStatic, int Open, int Close);

/// <summary>Finds the functions of a kernel-style C file by plain text patterns (not by the analysis under test).</summary>
public static partial class CorpusFunctions
{
    [GeneratedRegex(@"^(?:static\s+)?(?:inline\s+)?[a-z_][\w\s\*]*?\b(\w+)\((.*)$", RegexOptions.CultureInvariant, 1000)]
    internal static partial Regex DefinitionHead();

    public static List<CorpusFunction> Find(string[] lines)
    {
        ArgumentNullException.ThrowIfNull(lines);
        var result = new List<CorpusFunction>();
        for (var i = 1; i < lines.Length; i++)
        {
            if (lines[i] != "{")
            {
                continue;
            }

            var headLine = i - 1;
            while (headLine > 0 && !DefinitionHead().IsMatch(lines[headLine]) && i - headLine < 6)
            {
                headLine--;
            }

            var head = DefinitionHead().Match(lines[headLine]);
            var close = Array.IndexOf(lines, "}", i);
            if (!head.Success || close <= i)
            {
                continue;
            }

            var signature = string.Join(" ", lines[headLine..i]);
            var open = signature.IndexOf('(', StringComparison.Ordinal);
            var end = signature.LastIndexOf(')');
            var parameters = open < 0 || end <= open ? [] : signature[(open + 1)..end].Split(',')
                .Select(p => Regex.Match(p, @"(\w+)\s*(?:\[[^\]]*\])?\s*$", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1)).Groups[1].Value).ToList();
            result.Add(new CorpusFunction(head.Groups[1].Value, parameters, lines[headLine].StartsWith("static", StringComparison.Ordinal), i, close));
        }

        return result;
    }
}
