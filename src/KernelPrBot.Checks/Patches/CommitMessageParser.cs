using System.Globalization;
using System.Text.RegularExpressions;

namespace KernelPrBot.Checks.Patches;

/// <summary>Splits a commit message into subject, body and trailers, and reads the <c>[PATCH v2 3/7]</c> prefix.</summary>
public static partial class CommitMessageParser
{
    [GeneratedRegex(@"^(?<ws>[ \t]*)(?<key>[A-Za-z][A-Za-z0-9]*(?:[-_][A-Za-z0-9]+)*):(?<value>.*)$", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex TrailerLine { get; }

    [GeneratedRegex(@"^\s*\[(?<tag>[^\]]*)\]\s*", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex PrefixGroup { get; }

    [GeneratedRegex(@"(?:^|\s)[vV](?<v>\d{1,4})(?:\s|$)", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex VersionWord { get; }

    [GeneratedRegex(@"(?:^|\s)(?<i>\d{1,4})/(?<n>\d{1,4})(?:\s|$)", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex IndexWord { get; }

    /// <summary>Keys that count as tags even outside the last paragraph (checkpatch reads them anywhere in the log).</summary>
    private static readonly HashSet<string> KnownKeys = new(StringComparer.OrdinalIgnoreCase)
    {
        "Fixes", "Link", "Closes", "Cc", "Message-ID", "Change-Id", "Bug", "BugLink",
    };

    public static (string Subject, PatchTag? Tag) StripSubjectPrefix(string rawSubject)
    {
        var subject = rawSubject.Trim();
        PatchTag? tag = null;
        while (true)
        {
            var match = PrefixGroup.Match(subject);
            if (!match.Success)
            {
                break;
            }

            var text = match.Groups["tag"].Value;
            if (tag is null && (text.Contains("PATCH", StringComparison.OrdinalIgnoreCase) || text.Contains("RFC", StringComparison.OrdinalIgnoreCase)))
            {
                tag = ReadTag(text);
            }

            subject = subject[match.Length..];
        }

        return (subject.Trim(), tag);
    }

    public static bool IsTagKey(string key) =>
        key.EndsWith("-by", StringComparison.OrdinalIgnoreCase) || KnownKeys.Contains(key);

    /// <summary>Builds the commit from its subject and message lines (everything after the subject, before <c>---</c>).</summary>
    public static CommitInfo Build(
        string? id, string? rawAuthor, string? date, string rawSubject, int subjectLine, IReadOnlyList<MessageLine> message)
    {
        // git am honours in-body From:/Subject:/Date: lines at the top of the message.
        var lines = message.ToList();
        while (lines.Count > 0 && lines[0].Text.Length == 0)
        {
            lines.RemoveAt(0);
        }

        var inBody = 0;
        while (inBody < lines.Count && TryInBodyHeader(lines[inBody].Text, out var key, out var value))
        {
            switch (key)
            {
                case "from": rawAuthor = value; break;
                case "subject": rawSubject = value; subjectLine = lines[inBody].PatchLine; break;
                default: date = value; break;
            }

            inBody++;
        }

        if (inBody > 0)
        {
            lines.RemoveRange(0, inBody);
        }

        while (lines.Count > 0 && lines[^1].Text.Trim().Length == 0)
        {
            lines.RemoveAt(lines.Count - 1);
        }

        var blockStart = FindTrailerBlock(lines);
        var trailers = new List<Trailer>();
        for (var i = 0; i < lines.Count; i++)
        {
            var match = TrailerLine.Match(lines[i].Text);
            if (!match.Success)
            {
                continue;
            }

            var key = match.Groups["key"].Value;
            var inBlock = i >= blockStart;
            var indented = match.Groups["ws"].Length > 0;
            if (IsTagKey(key) || (inBlock && !indented))
            {
                trailers.Add(new Trailer(key, match.Groups["value"].Value.Trim(), lines[i].Text, lines[i].PatchLine, inBlock));
            }
        }

        var bodyLines = lines.Take(blockStart).Select(l => l.Text).ToList();
        var (subject, tag) = StripSubjectPrefix(MailHeaderDecoder.DecodeHeader(rawSubject));
        return new CommitInfo
        {
            Id = id,
            RawAuthor = rawAuthor,
            Author = Person.TryParse(rawAuthor is null ? null : MailHeaderDecoder.DecodeHeader(rawAuthor)),
            Date = date,
            Subject = subject,
            RawSubject = rawSubject,
            SubjectLine = subjectLine,
            Tag = tag,
            MessageLines = lines,
            Body = string.Join('\n', bodyLines).Trim(),
            Trailers = trailers,
        };
    }

    /// <summary>The index of the first line of the last paragraph when that paragraph holds tags, else the line count.</summary>
    private static int FindTrailerBlock(List<MessageLine> lines)
    {
        var start = lines.Count;
        while (start > 0 && lines[start - 1].Text.Trim().Length > 0)
        {
            start--;
        }

        var any = false;
        for (var i = start; i < lines.Count; i++)
        {
            var match = TrailerLine.Match(lines[i].Text);
            if (match.Success && (IsTagKey(match.Groups["key"].Value) || match.Groups["ws"].Length == 0))
            {
                any = true;
                break;
            }
        }

        return any ? start : lines.Count;
    }

    private static bool TryInBodyHeader(string text, out string key, out string value)
    {
        foreach (var name in new[] { "From", "Subject", "Date" })
        {
            if (text.StartsWith(name + ": ", StringComparison.Ordinal))
            {
                key = name.ToLowerInvariant();
                value = text[(name.Length + 2)..].Trim();
                return true;
            }
        }

        key = value = string.Empty;
        return false;
    }

    private static PatchTag ReadTag(string text)
    {
        var version = VersionWord.Match(text);
        var index = IndexWord.Match(text);
        return new PatchTag(
            text,
            version.Success ? int.Parse(version.Groups["v"].ValueSpan, CultureInfo.InvariantCulture) : null,
            index.Success ? int.Parse(index.Groups["i"].ValueSpan, CultureInfo.InvariantCulture) : null,
            index.Success ? int.Parse(index.Groups["n"].ValueSpan, CultureInfo.InvariantCulture) : null,
            text.Contains("RFC", StringComparison.OrdinalIgnoreCase));
    }
}
