namespace KernelPrBot.Testing.FakeGitHub;

/// <summary>Myers' O(ND) line diff. Lines compare by text and by whether they end in a newline.</summary>
internal static class LineDiff
{
    internal enum OpKind
    {
        Equal,
        Delete,
        Insert,
    }

    /// <summary>One step of the edit script; <see cref="Old"/>/<see cref="New"/> are 0-based indexes (-1 when not applicable).</summary>
    internal readonly record struct Op(OpKind Kind, int Old, int New);

    internal readonly record struct Line(string Text, bool HasNewline);

    public static List<Line> SplitLines(string content)
    {
        var lines = new List<Line>();
        var start = 0;
        while (start < content.Length)
        {
            var end = content.IndexOf('\n', start);
            if (end < 0)
            {
                lines.Add(new Line(content[start..], false));
                break;
            }

            lines.Add(new Line(content[start..end], true));
            start = end + 1;
        }

        return lines;
    }

    public static List<Op> Diff(IReadOnlyList<Line> a, IReadOnlyList<Line> b)
    {
        // Common prefix and suffix are trimmed first: they are most of a typical patch and cost Myers nothing but memory.
        var prefix = 0;
        while (prefix < a.Count && prefix < b.Count && a[prefix] == b[prefix])
        {
            prefix++;
        }

        var suffix = 0;
        while (suffix < a.Count - prefix && suffix < b.Count - prefix && a[a.Count - 1 - suffix] == b[b.Count - 1 - suffix])
        {
            suffix++;
        }

        var ops = new List<Op>(a.Count + b.Count);
        for (var i = 0; i < prefix; i++)
        {
            ops.Add(new Op(OpKind.Equal, i, i));
        }

        Middle(a, b, prefix, a.Count - suffix, prefix, b.Count - suffix, ops);
        for (var i = 0; i < suffix; i++)
        {
            ops.Add(new Op(OpKind.Equal, a.Count - suffix + i, b.Count - suffix + i));
        }

        return ops;
    }

    private static void Middle(IReadOnlyList<Line> a, IReadOnlyList<Line> b, int aStart, int aEnd, int bStart, int bEnd, List<Op> ops)
    {
        var n = aEnd - aStart;
        var m = bEnd - bStart;
        var max = n + m;
        if (max == 0)
        {
            return;
        }

        var offset = max + 1;
        var v = new int[(2 * max) + 3];
        var trace = new List<int[]>();
        var found = false;
        for (var d = 0; d <= max && !found; d++)
        {
            trace.Add((int[])v.Clone());
            for (var k = -d; k <= d; k += 2)
            {
                int x;
                if (k == -d || (k != d && v[offset + k - 1] < v[offset + k + 1]))
                {
                    x = v[offset + k + 1];
                }
                else
                {
                    x = v[offset + k - 1] + 1;
                }

                var y = x - k;
                while (x < n && y < m && a[aStart + x] == b[bStart + y])
                {
                    x++;
                    y++;
                }

                v[offset + k] = x;
                if (x >= n && y >= m)
                {
                    found = true;
                    break;
                }
            }
        }

        // Walk the trace backwards to recover the script, then reverse it.
        var script = new List<Op>();
        int cx = n, cy = m;
        for (var d = trace.Count - 1; d >= 0; d--)
        {
            if (d == 0)
            {
                while (cx > 0 && cy > 0)
                {
                    cx--;
                    cy--;
                    script.Add(new Op(OpKind.Equal, aStart + cx, bStart + cy));
                }

                break;
            }

            var vd = trace[d];
            var k = cx - cy;
            var prevK = k == -d || (k != d && vd[offset + k - 1] < vd[offset + k + 1]) ? k + 1 : k - 1;
            var prevX = vd[offset + prevK];
            var prevY = prevX - prevK;
            while (cx > prevX && cy > prevY)
            {
                cx--;
                cy--;
                script.Add(new Op(OpKind.Equal, aStart + cx, bStart + cy));
            }

            if (cx == prevX)
            {
                cy--;
                script.Add(new Op(OpKind.Insert, -1, bStart + cy));
            }
            else
            {
                cx--;
                script.Add(new Op(OpKind.Delete, aStart + cx, -1));
            }
        }

        script.Reverse();
        ops.AddRange(script);
    }
}
