namespace KernelPrBot.Testing;

/// <summary>
/// C source with expected findings marked inline: <c>[|kmalloc(n * size, GFP_KERNEL)|]</c>. The markers are
/// removed; <see cref="MarkedLines"/> holds the 1-based lines where each marked span starts.
/// </summary>
public sealed class MarkedSource
{
    private MarkedSource(string text, IReadOnlyList<int> lines)
    {
        Text = text;
        MarkedLines = lines;
    }

    public string Text { get; }

    public IReadOnlyList<int> MarkedLines { get; }

    public static MarkedSource Parse(string marked)
    {
        var lines = new List<int>();
        var output = new System.Text.StringBuilder(marked.Length);
        var line = 1;
        for (var i = 0; i < marked.Length; i++)
        {
            if (marked[i] == '[' && i + 1 < marked.Length && marked[i + 1] == '|')
            {
                lines.Add(line);
                i++;
                continue;
            }

            if (marked[i] == '|' && i + 1 < marked.Length && marked[i + 1] == ']')
            {
                i++;
                continue;
            }

            if (marked[i] == '\n')
            {
                line++;
            }

            output.Append(marked[i]);
        }

        return new MarkedSource(output.ToString(), lines);
    }
}
