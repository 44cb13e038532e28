using System.Globalization;
using System.Text;

namespace KernelPrBot.Testing.FakeGitHub;

/// <summary>Builds git-style hunks (3 lines of context, nearby hunks merged) like the <c>patch</c> field of GitHub's PR files.</summary>
internal static class UnifiedDiff
{
    private const int Context = 3;

    public static List<PatchLine> Hunks(string? oldContent, string? newContent)
    {
        var a = LineDiff.SplitLines(oldContent ?? "");
        var b = LineDiff.SplitLines(newContent ?? "");
        var ops = LineDiff.Diff(a, b);
        var result = new List<PatchLine>();
        var changes = new List<int>();
        for (var i = 0; i < ops.Count; i++)
        {
            if (ops[i].Kind != LineDiff.OpKind.Equal)
            {
                changes.Add(i);
            }
        }

        if (changes.Count == 0)
        {
            return result;
        }

        // Group changes whose gap of equal lines is at most 2 × context (git merges those hunks).
        var groups = new List<(int From, int To)>();
        var from = changes[0];
        var to = changes[0];
        foreach (var c in changes.Skip(1))
        {
            if (c - to - 1 <= 2 * Context)
            {
                to = c;
            }
            else
            {
                groups.Add((from, to));
                from = to = c;
            }
        }

        groups.Add((from, to));
        for (var h = 0; h < groups.Count; h++)
        {
            var start = Math.Max(0, groups[h].From - Context);
            var end = Math.Min(ops.Count - 1, groups[h].To + Context);
            AddHunk(result, ops, start, end, a, b, h);
        }

        return result;
    }

    private static void AddHunk(List<PatchLine> result, List<LineDiff.Op> ops, int start, int end, List<LineDiff.Line> a, List<LineDiff.Line> b, int hunk)
    {
        // Old/new numbering at the hunk's first op: count what precedes it.
        int oldBefore = 0, newBefore = 0;
        for (var i = 0; i < start; i++)
        {
            if (ops[i].Kind != LineDiff.OpKind.Insert)
            {
                oldBefore++;
            }

            if (ops[i].Kind != LineDiff.OpKind.Delete)
            {
                newBefore++;
            }
        }

        int oldCount = 0, newCount = 0;
        for (var i = start; i <= end; i++)
        {
            if (ops[i].Kind != LineDiff.OpKind.Insert)
            {
                oldCount++;
            }

            if (ops[i].Kind != LineDiff.OpKind.Delete)
            {
                newCount++;
            }
        }

        var header = $"@@ -{Range(oldBefore, oldCount)} +{Range(newBefore, newCount)} @@";
        result.Add(new PatchLine(PatchLineKind.HunkHeader, header, null, null, hunk));
        int oldLine = oldBefore, newLine = newBefore;
        for (var i = start; i <= end; i++)
        {
            var op = ops[i];
            LineDiff.Line line;
            switch (op.Kind)
            {
                case LineDiff.OpKind.Equal:
                    line = a[op.Old];
                    result.Add(new PatchLine(PatchLineKind.Context, " " + line.Text, ++oldLine, ++newLine, hunk));
                    break;
                case LineDiff.OpKind.Delete:
                    line = a[op.Old];
                    result.Add(new PatchLine(PatchLineKind.Removed, "-" + line.Text, ++oldLine, null, hunk));
                    break;
                default:
                    line = b[op.New];
                    result.Add(new PatchLine(PatchLineKind.Added, "+" + line.Text, null, ++newLine, hunk));
                    break;
            }

            if (!line.HasNewline)
            {
                result.Add(new PatchLine(PatchLineKind.NoNewlineMarker, "\\ No newline at end of file", null, null, hunk));
            }
        }
    }

    /// <summary>git prints "start,count", drops ",1", and for an empty side gives the line before the change.</summary>
    private static string Range(int before, int count) => count switch
    {
        0 => string.Create(CultureInfo.InvariantCulture, $"{before},0"),
        1 => (before + 1).ToString(CultureInfo.InvariantCulture),
        _ => string.Create(CultureInfo.InvariantCulture, $"{before + 1},{count}"),
    };

    public static string Text(IEnumerable<PatchLine> lines)
    {
        var sb = new StringBuilder();
        foreach (var line in lines)
        {
            if (sb.Length > 0)
            {
                sb.Append('\n');
            }

            sb.Append(line.Text);
        }

        return sb.ToString();
    }
}
