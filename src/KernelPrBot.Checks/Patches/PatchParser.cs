using System.Text;
using System.Text.RegularExpressions;

namespace KernelPrBot.Checks.Patches;

/// <summary>
/// Entry point of the patch parsers. Accepts <c>git format-patch</c> mail (one or many in an mbox, with or
/// without <c>diff --git</c> lines), <c>git log -p</c>/<c>git show</c> output, <c>git diff</c> output and plain
/// unified diffs. Never throws on bad input: what it cannot read becomes a <see cref="PatchDiagnostic"/>.
/// </summary>
public static partial class PatchParser
{
    [GeneratedRegex(@"^From \S+ +[A-Z][a-z]{2} [A-Z][a-z]{2} +\d{1,2} \d{2}:\d{2}:\d{2} \d{4}", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex MboxFrom { get; }

    [GeneratedRegex(@"^commit [0-9a-f]{7,64}\b", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex GitLogCommit { get; }

    [GeneratedRegex(@"^[A-Za-z][A-Za-z0-9-]*:", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex HeaderLine { get; }

    public static PatchSeries Parse(byte[] bytes, string source)
    {
        var diagnostics = new List<PatchDiagnostic>();
        if (Array.IndexOf(bytes, (byte)0) >= 0)
        {
            diagnostics.Add(new PatchDiagnostic(source, 1, DiagnosticSeverity.Error,
                "input contains NUL bytes: it is a binary file, not a patch"));
            return new PatchSeries([], diagnostics);
        }

        var text = PatchText.Decode(bytes, source, diagnostics);
        var series = Parse(text, source);
        return series with { Diagnostics = [.. diagnostics, .. series.Diagnostics] };
    }

    public static PatchSeries Parse(string text, string source)
    {
        var diagnostics = new List<PatchDiagnostic>();
        var patches = new List<Patch>();
        var lines = PatchText.SplitLines(text);
        if (lines.All(string.IsNullOrWhiteSpace))
        {
            diagnostics.Add(new PatchDiagnostic(source, 1, DiagnosticSeverity.Error, "input is empty"));
            return new PatchSeries(patches, diagnostics);
        }

        var mails = FindStarts(lines, i => MboxFrom.IsMatch(lines[i]) && (i == 0 || lines[i - 1].Length == 0));
        if (mails.Count > 0)
        {
            ReportLeadingText(lines, mails[0], source, patches, diagnostics);
            for (var m = 0; m < mails.Count; m++)
            {
                var end = m + 1 < mails.Count ? mails[m + 1] : lines.Length;
                patches.Add(ParseMail(lines, mails[m] + 1, end, source, diagnostics));
            }
        }
        else if (FirstNonBlank(lines) is var first && first < lines.Length && LooksLikeMailHeaders(lines, first))
        {
            patches.Add(ParseMail(lines, first, lines.Length, source, diagnostics));
        }
        else if (FindStarts(lines, i => GitLogCommit.IsMatch(lines[i])) is { Count: > 0 } commits)
        {
            ReportLeadingText(lines, commits[0], source, patches, diagnostics);
            for (var c = 0; c < commits.Count; c++)
            {
                var end = c + 1 < commits.Count ? commits[c + 1] : lines.Length;
                patches.Add(ParseGitLog(lines, commits[c], end, source, diagnostics));
            }
        }
        else
        {
            var files = DiffParser.Parse(lines, 0, lines.Length, source, diagnostics);
            patches.Add(new Patch(source, 1, null, files));
        }

        if (patches.All(p => p.Files.Count == 0 && p.Commit is null) && !diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error))
        {
            diagnostics.Add(new PatchDiagnostic(source, 1, DiagnosticSeverity.Error,
                "no patch found: expected a unified diff, git diff, git format-patch mail or git log -p output"));
        }

        return new PatchSeries(patches, diagnostics);
    }

    private static List<int> FindStarts(string[] lines, Func<int, bool> isStart)
    {
        var starts = new List<int>();
        var inHunk = false;
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];

            // Lines inside a diff never start a new mail; "From " at column 0 cannot be a diff line.
            if (line.StartsWith("diff --git ", StringComparison.Ordinal) || line.StartsWith("@@ ", StringComparison.Ordinal))
            {
                inHunk = true;
            }
            else if (inHunk && line.Length > 0 && line[0] is not (' ' or '+' or '-' or '\\' or '@'))
            {
                inHunk = false;
            }

            if (!inHunk && isStart(i))
            {
                starts.Add(i);
            }
        }

        return starts;
    }

    private static int FirstNonBlank(string[] lines)
    {
        var i = 0;
        while (i < lines.Length && lines[i].Trim().Length == 0)
        {
            i++;
        }

        return i;
    }

    private static bool LooksLikeMailHeaders(string[] lines, int start)
    {
        var sawFromOrSubject = false;
        for (var i = start; i < lines.Length && lines[i].Length > 0; i++)
        {
            if (lines[i][0] is ' ' or '\t')
            {
                continue;
            }

            if (!HeaderLine.IsMatch(lines[i]))
            {
                return false;
            }

            sawFromOrSubject |= lines[i].StartsWith("From:", StringComparison.OrdinalIgnoreCase) ||
                                lines[i].StartsWith("Subject:", StringComparison.OrdinalIgnoreCase);
        }

        return sawFromOrSubject;
    }

    private static void ReportLeadingText(string[] lines, int firstStart, string source, List<Patch> patches, List<PatchDiagnostic> diagnostics)
    {
        var hasDiff = false;
        for (var i = 0; i < firstStart; i++)
        {
            hasDiff |= DiffParser.StartsFileDiff(lines, i, firstStart);
        }

        if (hasDiff)
        {
            patches.Add(new Patch(source, 1, null, DiffParser.Parse(lines, 0, firstStart, source, diagnostics)));
        }
    }

    private static Patch ParseMail(string[] lines, int start, int end, string source, List<PatchDiagnostic> diagnostics)
    {
        // Folded lines are appended to a builder: concatenating strings made a header folded over n lines cost n².
        var folded = new Dictionary<string, (StringBuilder Value, int Line)>(StringComparer.OrdinalIgnoreCase);
        var i = start;
        var inHeader = false;
        StringBuilder? current = null;
        for (; i < end && lines[i].Length > 0; i++)
        {
            var line = lines[i];
            if (line[0] is ' ' or '\t' && inHeader)
            {
                // The continuation of a repeated header goes with it: only the first of a name is kept.
                current?.Append(' ').Append(line.AsSpan().Trim());
                continue;
            }

            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
            {
                break;
            }

            inHeader = true;
            var key = line[..colon].Trim();
            current = null;
            if (!folded.ContainsKey(key))
            {
                current = new StringBuilder().Append(line.AsSpan(colon + 1).Trim());
                folded[key] = (current, i + 1);
            }
        }

        var headers = folded.ToDictionary(h => h.Key, h => (Value: h.Value.Value.ToString(), h.Value.Line), StringComparer.OrdinalIgnoreCase);

        var bodyStart = i < end && lines[i].Length == 0 ? i + 1 : i;
        var body = DecodeBody(lines, bodyStart, end, headers, source, diagnostics);

        var messageEnd = body.Start;
        while (messageEnd < body.End && body.Lines[messageEnd] != "---" && !DiffParser.StartsFileDiff(body.Lines, messageEnd, body.End))
        {
            messageEnd++;
        }

        var message = new List<MessageLine>(messageEnd - body.Start);
        for (var m = body.Start; m < messageEnd; m++)
        {
            message.Add(new MessageLine(body.Lines[m], body.PatchLine(m)));
        }

        var files = ParseDiffPart(body, messageEnd, source, diagnostics);
        headers.TryGetValue("Subject", out var subject);
        headers.TryGetValue("From", out var from);
        headers.TryGetValue("Date", out var date);
        if (subject.Value is null)
        {
            diagnostics.Add(new PatchDiagnostic(source, start + 1, DiagnosticSeverity.Warning, "mail has no Subject: header"));
        }

        var commit = CommitMessageParser.Build(
            ReadMboxId(lines, start - 1), from.Value, date.Value, subject.Value ?? string.Empty,
            subject.Line == 0 ? start + 1 : subject.Line, message);
        return new Patch(source, start, commit, files);
    }

    /// <summary>The body lines of a mail: the input itself, or decoded lines with a map back to input lines.</summary>
    private sealed record MailBody(string[] Lines, int Start, int End, int[]? Map, int FallbackLine)
    {
        public int PatchLine(int index) => Map is null ? index + 1 : index < Map.Length ? Map[index] : FallbackLine;
    }

    private static MailBody DecodeBody(
        string[] lines, int start, int end, Dictionary<string, (string Value, int Line)> headers, string source, List<PatchDiagnostic> diagnostics)
    {
        var transfer = headers.TryGetValue("Content-Transfer-Encoding", out var cte) ? cte.Value.Trim().ToLowerInvariant() : string.Empty;
        var charset = headers.TryGetValue("Content-Type", out var ct) ? ReadCharset(ct.Value) : "utf-8";
        if (transfer == "quoted-printable")
        {
            var decoded = MailHeaderDecoder.DecodeQuotedPrintable(lines[start..end], start, MailHeaderDecoder.GetEncoding(charset));
            return new MailBody(decoded.Select(d => d.Text).ToArray(), 0, decoded.Count, decoded.Select(d => d.SourceIndex + 1).ToArray(), start + 1);
        }

        if (transfer == "base64")
        {
            try
            {
                var bytes = Convert.FromBase64String(string.Concat(lines[start..end].Select(l => l.Trim())));
                var decoded = PatchText.SplitLines(MailHeaderDecoder.GetEncoding(charset).GetString(bytes));
                return new MailBody(decoded, 0, decoded.Length, [], start + 1);
            }
            catch (FormatException)
            {
                diagnostics.Add(new PatchDiagnostic(source, start + 1, DiagnosticSeverity.Error, "mail body says base64 but is not valid base64; read as plain text"));
            }
        }

        return new MailBody(lines, start, end, null, start + 1);
    }

    private static string ReadCharset(string contentType)
    {
        var at = contentType.IndexOf("charset=", StringComparison.OrdinalIgnoreCase);
        if (at < 0)
        {
            return "utf-8";
        }

        var value = contentType[(at + 8)..];
        var semi = value.IndexOf(';', StringComparison.Ordinal);
        return (semi >= 0 ? value[..semi] : value).Trim().Trim('"');
    }

    private static IReadOnlyList<FileChange> ParseDiffPart(MailBody body, int from, string source, List<PatchDiagnostic> diagnostics)
    {
        if (body.Map is null)
        {
            return DiffParser.Parse(body.Lines, from, body.End, source, diagnostics);
        }

        var local = new List<PatchDiagnostic>();
        var files = DiffParser.Parse(body.Lines, from, body.End, source, local);
        diagnostics.AddRange(local.Select(d => d with { Line = body.PatchLine(d.Line - 1) }));
        return files.Select(f => f with
        {
            PatchLine = body.PatchLine(f.PatchLine - 1),
            Hunks = f.Hunks.Select(h => h with
            {
                PatchLine = body.PatchLine(h.PatchLine - 1),
                Lines = h.Lines.Select(l => l with { PatchLine = body.PatchLine(l.PatchLine - 1) }).ToList(),
            }).ToList(),
        }).ToList();
    }

    private static string? ReadMboxId(string[] lines, int index)
    {
        if (index < 0 || index >= lines.Length || !lines[index].StartsWith("From ", StringComparison.Ordinal))
        {
            return null;
        }

        var parts = lines[index].Split(' ', 3);
        return parts.Length > 1 && parts[1].All(char.IsAsciiHexDigit) && parts[1].Length >= 7 ? parts[1] : null;
    }

    private static Patch ParseGitLog(string[] lines, int start, int end, string source, List<PatchDiagnostic> diagnostics)
    {
        var id = lines[start].Split(' ')[1];
        string? author = null;
        string? date = null;
        var i = start + 1;
        for (; i < end && lines[i].Length > 0; i++)
        {
            if (lines[i].StartsWith("Author:", StringComparison.Ordinal))
            {
                author = lines[i][7..].Trim();
            }
            else if (lines[i].StartsWith("Date:", StringComparison.Ordinal) || lines[i].StartsWith("AuthorDate:", StringComparison.Ordinal))
            {
                date = lines[i][(lines[i].IndexOf(':', StringComparison.Ordinal) + 1)..].Trim();
            }
        }

        var message = new List<MessageLine>();
        var subject = string.Empty;
        var subjectLine = start + 1;
        for (i++; i < end && !DiffParser.StartsFileDiff(lines, i, end); i++)
        {
            if (lines[i].Length > 0 && !lines[i].StartsWith("    ", StringComparison.Ordinal))
            {
                break;
            }

            var text = lines[i].Length >= 4 ? lines[i][4..] : string.Empty;
            if (subject.Length == 0 && message.Count == 0 && text.Length > 0)
            {
                subject = text;
                subjectLine = i + 1;
            }
            else if (subject.Length > 0)
            {
                message.Add(new MessageLine(text, i + 1));
            }
        }

        var files = DiffParser.Parse(lines, i, end, source, diagnostics);
        return new Patch(source, start + 1, CommitMessageParser.Build(id, author, date, subject, subjectLine, message), files);
    }

    /// <summary>Reads a file or standard input ("-") and parses it.</summary>
    public static PatchSeries ParseFile(string path, long maxBytes = 256L * 1024 * 1024)
    {
        var info = new FileInfo(path);
        if (!info.Exists)
        {
            return Failed(path, $"file not found: {path}");
        }

        if (info.Length > maxBytes)
        {
            return Failed(path, $"file is {info.Length / (1024 * 1024)} MiB; the limit is {maxBytes / (1024 * 1024)} MiB");
        }

        return Parse(File.ReadAllBytes(path), path);
    }

    public static PatchSeries Failed(string source, string message) =>
        new([], [new PatchDiagnostic(source, 0, DiagnosticSeverity.Error, message)]);
}
