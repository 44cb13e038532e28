using System.Text.RegularExpressions;
using KernelPrBot.Checks.Kernel;

namespace KernelPrBot.Checks.Rules.Process;

/// <summary>
/// <c>Fixes: &lt;at least 12 hex digits&gt; ("subject")</c> on one line (Documentation/process/submitting-patches.rst:
/// "at least the first 12 characters"; <c>git log --abbrev=12</c> prints 13 or more when 12 are ambiguous). When the
/// host looked the ids up in the base tree's history (<see cref="AnalysisOptions.History"/>), a commit that is not
/// there, an ambiguous id and a subject that is not the commit's are reported too, as NIPA's verify_fixes does.
/// </summary>
public sealed partial class FixesTagRule : Rule
{
    public override RuleDescriptor Descriptor { get; } = new(
        RuleIds.FixesTag,
        "Malformed Fixes: tag",
        RuleCategory.Process,
        Severity.Warning,
        "A Fixes: tag names the commit that introduced the bug as 'Fixes: <at least the first 12 hex digits of the SHA-1> (\"<its subject>\")', " +
        "on one line, never wrapped. git config core.abbrev=12 and pretty.fixes='Fixes: %h (\"%s\")' produce it. " +
        "With a base tree that is a git checkout, the commit must be in its history and the subject must be that commit's.");

    [GeneratedRegex(@"^Fixes: [0-9a-f]{12,40} \(""(?<title>.+)""\)$", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex Wellformed { get; }

    public override void AnalyzeCommit(CommitContext context)
    {
        var lines = context.Commit.MessageLines;
        for (var i = 0; i < lines.Count; i++)
        {
            var text = lines[i].Text;
            var match = FixesTags.Candidate.Match(text);
            if (!match.Success)
            {
                continue;
            }

            var nextLine = i + 1 < lines.Count ? lines[i + 1].Text : null;
            var written = match.Groups["sha"].Value;
            var lookup = context.Options.History?.Find(written);
            var problems = Problems(text, match, nextLine);
            var quoted = Title(match.Groups["rest"].Value, nextLine);
            if (lookup is { Result: CommitLookupResult.Found, Subject: { } subject } && quoted is not null && !SameSubject(quoted, subject))
            {
                problems.Add($"the subject is not that of commit {Abbreviated(lookup.FullSha!, written)}, which is (\"{subject}\")");
            }

            var sha = written.ToLowerInvariant();
            var evidence = "fixes:" + (sha.Length > 12 ? sha[..12] : sha);
            if (lookup is { Result: CommitLookupResult.Missing })
            {
                context.Report(lines[i].PatchLine,
                    $"Fixes: names {sha}, which is not a commit in {context.Options.History!.Source}; check the id (a rebased or local commit?)",
                    evidence, "git log -1 --format='Fixes: %h (\"%s\")' --abbrev=12 <commit>");
                continue;
            }

            if (lookup is { Result: CommitLookupResult.Ambiguous })
            {
                problems.Add($"{sha} names more than one object in {context.Options.History!.Source}; give more digits");
            }

            if (problems.Count > 0)
            {
                var shown = lookup is { Result: CommitLookupResult.Found, FullSha: { } full } ? Abbreviated(full, written) : sha;
                var title = lookup?.Subject ?? quoted ?? "subject of that commit";
                var unfinished = shown.Length < 12 && lookup?.FullSha is null;
                context.Report(lines[i].PatchLine,
                    $"malformed Fixes: tag: {string.Join("; ", problems)}; write 'Fixes: {shown}{(unfinished ? "…" : string.Empty)} (\"{title}\")'",
                    evidence, "git log -1 --format='Fixes: %h (\"%s\")' --abbrev=12 <commit>");
            }
        }
    }

    /// <summary>The first 12 digits of a found commit, or as many as were written when that is more (12 may be ambiguous).</summary>
    private static string Abbreviated(string fullSha, string written) =>
        fullSha[..Math.Clamp(written.Length, 12, fullSha.Length)];

    /// <summary>Subjects compared as verify_fixes does: the same text once runs of white space are one space.</summary>
    private static bool SameSubject(string quoted, string subject) =>
        string.Equals(Collapse(quoted), Collapse(subject), StringComparison.Ordinal);

    private static string Collapse(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

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
        // A subject that itself holds double quotes is sometimes put in single ones: ('… "memory-region"').
        var quote = title.Length >= 2 && title[0] == '\'' && title[^1] == '\'' ? '\'' : '"';
        title = title.StartsWith(quote) ? title[1..] : title;
        title = title.EndsWith(quote) ? title[..^1] : title;
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
            problems.Add($"the SHA-1 has {sha.Length} hex digits; use at least 12");
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
