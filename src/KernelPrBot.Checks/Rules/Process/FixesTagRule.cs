using System.Text.RegularExpressions;

namespace KernelPrBot.Checks.Rules.Process;

/// <summary>
/// <c>Fixes: &lt;12 hex digits&gt; ("subject")</c> on one line (Documentation/process/submitting-patches.rst;
/// checkpatch BAD_FIXES_TAG: both ask for exactly the first 12 in Linux 6.12). Checking that the commit exists needs
/// the repository and is left to the bot.
/// </summary>
public sealed partial class FixesTagRule : Rule
{
    public override RuleDescriptor Descriptor { get; } = new(
        RuleIds.FixesTag,
        "Malformed Fixes: tag",
        RuleCategory.Process,
        Severity.Warning,
        "A Fixes: tag names the commit that introduced the bug as 'Fixes: <first 12 hex digits of the SHA-1> (\"<its subject>\")', " +
        "on one line, never wrapped. git config core.abbrev=12 and pretty.fixes='Fixes: %h (\"%s\")' produce it.");

    [GeneratedRegex(@"^\s*(?<tag>fixes:?)\s*(?:commit\s*)?(?<sha>[0-9a-f]{5,40})\b(?<rest>.*)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, 1000)]
    private static partial Regex Candidate { get; }

    [GeneratedRegex(@"^Fixes: [0-9a-f]{12} \(""(?<title>.+)""\)$", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex Wellformed { get; }

    public override void AnalyzeCommit(CommitContext context)
    {
        var lines = context.Commit.MessageLines;
        for (var i = 0; i < lines.Count; i++)
        {
            var text = lines[i].Text;
            var match = Candidate.Match(text);
            if (!match.Success)
            {
                continue;
            }

            var problems = Problems(text, match, i + 1 < lines.Count ? lines[i + 1].Text : null);
            if (problems.Count > 0)
            {
                var sha = match.Groups["sha"].Value.ToLowerInvariant();
                sha = sha.Length > 12 ? sha[..12] : sha;
                var title = Title(match.Groups["rest"].Value, i + 1 < lines.Count ? lines[i + 1].Text : null) ?? "subject of that commit";
                context.Report(lines[i].PatchLine,
                    $"malformed Fixes: tag: {string.Join("; ", problems)}; write 'Fixes: {sha}{(sha.Length < 12 ? "…" : string.Empty)} (\"{title}\")'",
                    "fixes:" + sha, "git log -1 --format='Fixes: %h (\"%s\")' --abbrev=12 <commit>");
            }
        }
    }

    /// <summary>
    /// The subject the tag quotes, so the suggestion keeps it: one pair of parentheses and one of quotes taken off,
    /// and a subject wrapped onto the next line joined back; null when there is none.
    /// </summary>
    private static string? Title(string rest, string? nextLine)
    {
        var title = rest.Trim();
        if (title.StartsWith('(') && !title.EndsWith(')') && nextLine is { Length: > 0 })
        {
            title += " " + nextLine.Trim();
        }

        title = title.StartsWith('(') ? title[1..] : title;
        title = title.EndsWith(')') ? title[..^1] : title;
        title = title.Trim();
        title = title.StartsWith('"') ? title[1..] : title;
        title = title.EndsWith('"') ? title[..^1] : title;
        title = title.Trim();
        return title.Length == 0 ? null : title;
    }

    private static List<string> Problems(string text, Match match, string? nextLine)
    {
        var problems = new List<string>();
        var tag = match.Groups["tag"].Value;
        var sha = match.Groups["sha"].Value;
        var rest = match.Groups["rest"].Value.Trim();
        if (tag != "Fixes:")
        {
            problems.Add($"the tag is spelled '{tag}' instead of 'Fixes:'");
        }

        if (sha.Length < 12)
        {
            problems.Add($"the SHA-1 has {sha.Length} hex digits; use 12");
        }
        else if (sha.Length > 12)
        {
            problems.Add($"the SHA-1 has {sha.Length} hex digits; use the first 12");
        }

        if (sha.Any(char.IsAsciiLetterUpper))
        {
            problems.Add("the SHA-1 is in upper case");
        }

        if (text.Contains("commit", StringComparison.OrdinalIgnoreCase) && Regex.IsMatch(text, @"^\s*fixes:?\s*commit", RegexOptions.IgnoreCase, TimeSpan.FromSeconds(1)))
        {
            problems.Add("drop the word 'commit'");
        }

        if (rest.Length == 0)
        {
            problems.Add("the subject of the fixed commit is missing");
        }
        else if (!rest.StartsWith('('))
        {
            problems.Add("the subject must be in parentheses and quotes: (\"…\")");
        }
        else if (!rest.EndsWith(')'))
        {
            problems.Add(nextLine is { Length: > 0 } ? "the tag is wrapped onto the next line; keep it on one line" : "the closing parenthesis is missing");
        }
        else if (rest.Length < 4 || rest[1] != '"' || rest[^2] != '"')
        {
            problems.Add("the subject must be in double quotes inside the parentheses");
        }

        if (problems.Count == 0 && !Wellformed.IsMatch(text))
        {
            problems.Add("use exactly one space between 'Fixes:', the SHA-1 and the subject, and nothing before the tag");
        }

        return problems;
    }
}
