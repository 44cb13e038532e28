namespace KernelPrBot.Checks.Patches;

/// <summary>
/// The numbers of a <c>@@ -a[,b] +c[,d] @@ section</c> line, read by hand: one pass, no allocation but the
/// section text, and only ASCII digits (a regex <c>\d</c> would also take other scripts' digits, which no
/// diff tool writes and <see cref="int.Parse(string)"/> then rejects).
/// </summary>
internal readonly record struct HunkHeader(int OldStart, int OldCount, int NewStart, int NewCount, string Section)
{
    private const int MaxDigits = 9;

    public static bool TryParse(string line, out HunkHeader header)
    {
        header = default;
        var pos = 0;
        if (!Literal(line, ref pos, "@@ -") || !Number(line, ref pos, out var oldStart) || !Count(line, ref pos, out var oldCount) ||
            !Literal(line, ref pos, " +") || !Number(line, ref pos, out var newStart) || !Count(line, ref pos, out var newCount) ||
            !Literal(line, ref pos, " @@"))
        {
            return false;
        }

        if (At(line, pos, ' '))
        {
            pos++;
        }

        header = new HunkHeader(oldStart, oldCount, newStart, newCount, line.AsSpan(pos).Trim().ToString());
        return true;
    }

    private static bool At(string line, int pos, char c) => pos < line.Length && line[pos] == c;

    /// <summary>The optional <c>,count</c> after a start line; 1 when it is left out, as diff does for one line.</summary>
    private static bool Count(string line, ref int pos, out int count)
    {
        count = 1;
        return !At(line, pos, ',') || (Literal(line, ref pos, ",") && Number(line, ref pos, out count));
    }

    private static bool Literal(string line, ref int pos, string literal)
    {
        if (!line.AsSpan(pos).StartsWith(literal, StringComparison.Ordinal))
        {
            return false;
        }

        pos += literal.Length;
        return true;
    }

    private static bool Number(string line, ref int pos, out int value)
    {
        value = 0;
        var start = pos;
        while (pos < line.Length && char.IsAsciiDigit(line[pos]))
        {
            if (pos - start == MaxDigits)
            {
                return false;
            }

            value = (value * 10) + (line[pos] - '0');
            pos++;
        }

        return pos > start;
    }
}
