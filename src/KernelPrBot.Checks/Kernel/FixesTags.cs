using System.Text.RegularExpressions;

namespace KernelPrBot.Checks.Kernel;

/// <summary>
/// What counts as a <c>Fixes:</c> line, well formed or not: the rule checks its form, and hosts read the ids from
/// the raw patch text to look them up in the tree's history before the analysis.
/// </summary>
public static partial class FixesTags
{
    [GeneratedRegex(@"^\s*(?<tag>fixes:?)\s*(?:commit\s*)?(?<sha>[0-9a-f]{5,40})\b(?<rest>.*)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, 1000)]
    public static partial Regex Candidate { get; }

    /// <summary>The ids (lower case, as written) of every Fixes: line in a text, each once.</summary>
    public static IReadOnlyList<string> Shas(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var shas = new List<string>();
        foreach (var line in text.AsSpan().EnumerateLines())
        {
            // A quick filter: the regex runs only on lines that can be a tag.
            var trimmed = line.TrimStart();
            if (trimmed.Length < 10 || !trimmed.StartsWith("fixes", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var match = Candidate.Match(line.ToString());
            if (match.Success)
            {
                var sha = match.Groups["sha"].Value.ToLowerInvariant();
                if (!shas.Contains(sha))
                {
                    shas.Add(sha);
                }
            }
        }

        return shas;
    }
}
