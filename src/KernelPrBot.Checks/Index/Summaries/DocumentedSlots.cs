using System.Text.RegularExpressions;

namespace KernelPrBot.Checks.Index.Summaries;

/// <summary>
/// Reads, from the tree's own documentation, which ops-table callbacks run in atomic context: kernel-doc of struct
/// members ("@tx: … Must be atomic." in include/net/mac80211.h) and the "Context:" lines of
/// Documentation/networking/netdevices.rst ("ndo_start_xmit: … Context: Process with BHs disabled"). A member
/// whose text also says it may sleep, or speaks of process context, is left out: an unclear slot is no slot.
/// </summary>
public static partial class DocumentedSlots
{
    public const string NetDevicesDocument = "Documentation/networking/netdevices.rst";

    [GeneratedRegex(@"must be atomic|must not sleep|may not sleep|cannot sleep|can't sleep|can not sleep|is atomic|\bin atomic context|\bfrom atomic context|(hard|soft)irq context|tasklet context|interrupt context|with (interrupts|irqs|bhs?|bottom halves) disabled|bhs disabled", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, 1000)]
    private static partial Regex AtomicWords();

    [GeneratedRegex(@"may sleep|can sleep|might sleep|allowed to sleep|non-atomic|not atomic|not in atomic|process context|\b(not|never) (be )?(called|used|run|invoked)\b|cannot be called|outside (of )?(an? )?atomic|\bif\b|\bunless\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, 1000)]
    private static partial Regex SleepingWords();

    [GeneratedRegex(@"^\s*\*\s*struct\s+(\w+)\s+-", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex StructDocHead();

    [GeneratedRegex(@"^\s*\*\s*@(\w+)\s*:(.*)$", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex MemberLine();

    /// <summary>Cheap test before parsing: the header says something about atomic context at all.</summary>
    public static bool MayDocumentSlots(string text) =>
        text.Contains("atomic", StringComparison.OrdinalIgnoreCase) || text.Contains("sleep", StringComparison.OrdinalIgnoreCase);

    /// <summary>Struct members whose kernel-doc says they run in atomic context.</summary>
    public static List<DocumentedSlot> FromHeader(string text, string relativePath)
    {
        ArgumentNullException.ThrowIfNull(text);
        var result = new List<DocumentedSlot>();
        var lines = text.Split('\n');
        string? structName = null;
        string? member = null;
        var memberLine = 0;
        var memberText = new System.Text.StringBuilder();

        void Flush()
        {
            if (structName is not null && member is not null)
            {
                if (Judge(memberText.ToString()) is { } sentence)
                {
                    result.Add(new DocumentedSlot(structName, member, sentence, relativePath, memberLine));
                }
            }

            member = null;
            memberText.Clear();
        }

        for (var n = 0; n < lines.Length; n++)
        {
            var line = lines[n];
            if (line.Contains("/**", StringComparison.Ordinal))
            {
                Flush();
                structName = null;
                continue;
            }

            if (line.Contains("*/", StringComparison.Ordinal))
            {
                Flush();
                structName = null;
                continue;
            }

            if (StructDocHead().Match(line) is { Success: true } head)
            {
                Flush();
                structName = head.Groups[1].Value;
                continue;
            }

            if (structName is null)
            {
                continue;
            }

            if (MemberLine().Match(line) is { Success: true } m)
            {
                Flush();
                member = m.Groups[1].Value;
                memberLine = n + 1;
                memberText.Append(m.Groups[2].Value);
            }
            else if (member is not null)
            {
                var body = line.TrimStart().TrimStart('*').Trim();
                if (body.Length == 0)
                {
                    Flush();
                }
                else
                {
                    memberText.Append(' ').Append(body);
                }
            }
        }

        Flush();
        result.AddRange(FromMemberComments(lines, relativePath));
        return result;
    }

    /// <summary>The sentence that says a callback runs atomic, unless the same sentence also says it may sleep.</summary>
    private static string? Judge(string described)
    {
        var atomic = AtomicWords().Match(described);
        if (!atomic.Success)
        {
            return null;
        }

        var sentence = Sentence(described, atomic.Index);
        return SleepingWords().IsMatch(sentence) ? null : sentence;
    }

    [GeneratedRegex(@"^(?:struct|union)\s+(\w+)\s*\{", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex StructOpen();

    [GeneratedRegex(@"\(\s*\*\s*(\w+)\s*\)\s*\(", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex FunctionPointerMember();

    /// <summary>
    /// Plain comments right above a function-pointer member of a struct: "/* Set LED brightness level. Must not
    /// sleep. */ void (*brightness_set)(…);" in include/linux/leds.h.
    /// </summary>
    private static List<DocumentedSlot> FromMemberComments(string[] lines, string relativePath)
    {
        var result = new List<DocumentedSlot>();
        string? structName = null;
        var comment = new System.Text.StringBuilder();
        var inComment = false;
        for (var n = 0; n < lines.Length; n++)
        {
            var line = lines[n];
            var trimmed = line.Trim();
            if (StructOpen().Match(line) is { Success: true } open)
            {
                structName = open.Groups[1].Value;
                comment.Clear();
                continue;
            }

            if (line.StartsWith("};", StringComparison.Ordinal))
            {
                structName = null;
                continue;
            }

            if (structName is null)
            {
                continue;
            }

            if (inComment || trimmed.StartsWith("/*", StringComparison.Ordinal) || trimmed.StartsWith("//", StringComparison.Ordinal))
            {
                comment.Append(' ').Append(trimmed.TrimStart('/', '*').TrimEnd('/', '*').Trim());
                inComment = (inComment || trimmed.StartsWith("/*", StringComparison.Ordinal)) && !trimmed.EndsWith("*/", StringComparison.Ordinal);
                continue;
            }

            if (FunctionPointerMember().Match(line) is { Success: true } member && comment.Length > 0 && Judge(comment.ToString()) is { } sentence)
            {
                result.Add(new DocumentedSlot(structName, member.Groups[1].Value, sentence, relativePath, n + 1));
            }

            if (trimmed.Length > 0)
            {
                comment.Clear();
            }
        }

        return result;
    }

    /// <summary>The net_device_ops callbacks that netdevices.rst gives an atomic "Context:".</summary>
    public static List<DocumentedSlot> FromNetDevices(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var result = new List<DocumentedSlot>();
        var lines = text.Split('\n');
        string? callback = null;
        for (var n = 0; n < lines.Length; n++)
        {
            var line = lines[n];
            var trimmed = line.Trim();
            if (line.Length > 0 && !char.IsWhiteSpace(line[0]) && trimmed.EndsWith(':') && trimmed.StartsWith("ndo_", StringComparison.Ordinal))
            {
                callback = trimmed[..^1];
                continue;
            }

            if (line.Length > 0 && !char.IsWhiteSpace(line[0]))
            {
                callback = null;
                continue;
            }

            if (callback is null || !trimmed.StartsWith("Context:", StringComparison.Ordinal))
            {
                continue;
            }

            var context = trimmed;
            for (var k = n + 1; k < lines.Length && lines[k].Length > 0 && char.IsWhiteSpace(lines[k][0]) && !lines[k].Trim().Contains(':', StringComparison.Ordinal); k++)
            {
                context += " " + lines[k].Trim();
            }

            var atomic = context.Contains("atomic", StringComparison.OrdinalIgnoreCase) || context.Contains("BH", StringComparison.Ordinal);
            if (atomic && !SleepingWords().IsMatch(context))
            {
                result.Add(new DocumentedSlot("net_device_ops", callback, context, NetDevicesDocument, n + 1));
            }
        }

        return result;
    }

    private static string Sentence(string text, int at)
    {
        var start = text.LastIndexOf('.', Math.Max(0, at - 1)) + 1;
        var end = text.IndexOf('.', at);
        var sentence = text[start..(end < 0 ? text.Length : end + 1)].Trim();
        return sentence.Length > 160 ? sentence[..160] : sentence;
    }
}
