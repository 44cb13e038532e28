namespace KernelPrBot.Review.Commands;

/// <summary>
/// Finds the first <c>/kpb</c> command in a comment (DESIGN.md §7). Only a line that starts with it counts:
/// quoted lines (<c>&gt;</c>) and fenced code are skipped, so quoting an earlier command does not re-run it.
/// </summary>
public static class SlashCommandParser
{
    public const string Prefix = "/kpb";
    public const int MaxReasonLength = 500;
    private const int MaxScannedCharacters = 65_536;

    public static bool TryParse(string? body, out SlashCommand command)
    {
        command = new SlashCommand(SlashCommandKind.Invalid);
        if (string.IsNullOrEmpty(body))
        {
            return false;
        }

        var text = body.Length > MaxScannedCharacters ? body[..MaxScannedCharacters] : body;
        var inFence = false;
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.Trim();
            if (line.StartsWith("```", StringComparison.Ordinal) || line.StartsWith("~~~", StringComparison.Ordinal))
            {
                inFence = !inFence;
                continue;
            }

            if (inFence || !IsCommandLine(line))
            {
                continue;
            }

            command = ParseLine(line[Prefix.Length..].Trim());
            return true;
        }

        return false;
    }

    private static bool IsCommandLine(string line) =>
        line.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase)
        && (line.Length == Prefix.Length || char.IsWhiteSpace(line[Prefix.Length]));

    private static SlashCommand ParseLine(string rest)
    {
        var words = rest.Split((char[]?)null, 3, StringSplitOptions.RemoveEmptyEntries);
        if (words.Length == 0)
        {
            return new SlashCommand(SlashCommandKind.Help);
        }

        var verb = words[0].ToLowerInvariant();
        return verb switch
        {
            "recheck" or "rerun" or "re-run" => new SlashCommand(SlashCommandKind.Recheck),
            "help" => new SlashCommand(SlashCommandKind.Help),
            "explain" when words.Length >= 2 => new SlashCommand(SlashCommandKind.Explain, words[1]),
            "explain" => Invalid("`/kpb explain` needs a rule id, e.g. `/kpb explain atomic-sleeping-alloc`"),
            "ignore" when words.Length >= 3 => new SlashCommand(SlashCommandKind.Ignore, words[1], Clip(words[2])),
            "ignore" => Invalid("`/kpb ignore` needs a rule id and a reason, e.g. `/kpb ignore deprecated-api the driver is removed next release`"),
            _ => Invalid($"`{Clip(words[0], 40)}` is not a command"),
        };
    }

    private static SlashCommand Invalid(string problem) => new(SlashCommandKind.Invalid, Problem: problem);

    private static string Clip(string text, int max = MaxReasonLength)
    {
        var oneLine = string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        oneLine = new string(oneLine.Where(c => c is not ('`' or '<' or '>' or '|') && !char.IsControl(c)).ToArray());
        return oneLine.Length > max ? oneLine[..max] + "…" : oneLine;
    }
}
