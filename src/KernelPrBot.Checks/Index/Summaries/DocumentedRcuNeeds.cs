using System.Text.RegularExpressions;

namespace KernelPrBot.Checks.Index.Summaries;

/// <summary>
/// Functions whose kernel-doc says the caller must hold rcu_read_lock(): "This function must be called under RCU
/// lock" (ieee80211_find_sta() in include/net/mac80211.h), "Must be called with rcu_read_lock() held", "Context: RCU
/// read lock held". Contracts as given: what the body alone does not show (the lookup goes through a table whose
/// accessors take a lockdep condition). A sentence that names another way ("RCU or the RTNL") is left out.
/// </summary>
public static partial class DocumentedRcuNeeds
{
    /// <summary>The prefix of the witness text the index keeps for a documented need, followed by the header's path and the sentence.</summary>
    public const string WitnessPrefix = "kernel-doc:";

    [GeneratedRegex(@"(must|should|has to|needs to) be (called|invoked|used|run) (with(in)?|under|while holding|inside|in|from) (an? |the )?(rcu|rcu_read_lock\(\))(\s*(read[- ]side|read))?(\s*(lock|critical section|section|protection))?(\s*held)?|callers? must hold (the )?(rcu|rcu_read_lock\(\))(\s*(read[- ]side|read))?(\s*(lock|critical section|section|protection))?(\s*held)?|context:[^.]{0,60}\b(rcu_read_lock\(\)|rcu read)(\s*(read[- ]side|read))?(\s*(lock|critical section|section|protection))?(\s*held)?", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, 1000)]
    private static partial Regex NeedWords();

    [GeneratedRegex(@"^\s*\*\s*(\w+)(\(\))?\s+-\s", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex FunctionDocHead();

    /// <summary>Cheap test before parsing.</summary>
    public static bool MayDocument(string text) =>
        text.Contains("/**", StringComparison.Ordinal) && (text.Contains("RCU", StringComparison.Ordinal) || text.Contains("rcu_read_lock", StringComparison.Ordinal));

    /// <summary>(function, line of the sentence, sentence) for each kernel-doc block of a function that documents the need.</summary>
    public static List<(string Function, int Line, string Sentence)> FromSource(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var result = new List<(string, int, string)>();
        var lines = text.Split('\n');
        string? function = null;
        for (var n = 0; n < lines.Length; n++)
        {
            var line = lines[n];
            if (line.Contains("/**", StringComparison.Ordinal))
            {
                function = null;
                if (n + 1 < lines.Length && FunctionDocHead().Match(lines[n + 1]) is { Success: true } head && !lines[n + 1].Contains("struct ", StringComparison.Ordinal))
                {
                    function = head.Groups[1].Value;
                }

                continue;
            }

            if (function is null)
            {
                continue;
            }

            if (line.Contains("*/", StringComparison.Ordinal))
            {
                function = null;
                continue;
            }

            if (NeedWords().Match(line) is { Success: true } need && !need.Value.Contains(" or ", StringComparison.OrdinalIgnoreCase) &&
                !line.Contains(" or ", StringComparison.OrdinalIgnoreCase) && !line.Contains("not ", StringComparison.OrdinalIgnoreCase))
            {
                result.Add((function, n + 1, need.Value.Trim()));
                function = null;
            }
        }

        return result;
    }
}
