using System.Text.RegularExpressions;

namespace KernelPrBot.Testing.Tests.Architecture;

/// <summary>
/// The machine-checked blocks of docs/architecture.md: the lines between <c>&lt;!-- NAME:begin --&gt;</c> and
/// <c>&lt;!-- NAME:end --&gt;</c>, without code fences and blank lines.
/// </summary>
public static partial class ArchitectureDoc
{
    public static readonly string[] PathInRepo = ["docs", "architecture.md"];

    public static IReadOnlyList<string> Block(string text, string name)
    {
        var begin = $"<!-- {name}:begin -->";
        var end = $"<!-- {name}:end -->";
        var lines = text.ReplaceLineEndings("\n").Split('\n');
        var first = Array.FindIndex(lines, l => l.Trim() == begin);
        var last = Array.FindIndex(lines, l => l.Trim() == end);
        if (first < 0 || last < first)
        {
            throw new InvalidDataException($"{string.Join('/', PathInRepo)} has no {begin} … {end} block");
        }

        return lines[(first + 1)..last].Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith("```", StringComparison.Ordinal)).ToList();
    }

    /// <summary>A block of <c>A -&gt; B</c> lines, sorted; any other line is an error, so a typo cannot hide an edge.</summary>
    public static IReadOnlyList<string> EdgeList(string text, string name)
    {
        var lines = Block(text, name);
        var bad = lines.Where(l => !EdgeLine().IsMatch(l)).ToList();
        if (bad.Count > 0)
        {
            throw new InvalidDataException($"the {name} block has lines that are not 'A -> B': {string.Join(" | ", bad)}");
        }

        return lines.Select(l => EdgeLine().Match(l)).Select(m => $"{m.Groups["from"].Value} -> {m.Groups["to"].Value}").Order(StringComparer.Ordinal).ToList();
    }

    /// <summary>
    /// The edges of a Mermaid flowchart block as <c>A -&gt; B</c> lines, with each node id replaced by its label
    /// (declared as <c>id["Label"]</c>), sorted.
    /// </summary>
    public static IReadOnlyList<string> MermaidEdges(string text, string name)
    {
        var lines = Block(text, name);
        var labels = lines.SelectMany(l => MermaidNode().Matches(l)).ToDictionary(m => m.Groups["id"].Value, m => m.Groups["label"].Value, StringComparer.Ordinal);
        string Label(string id) => labels.TryGetValue(id, out var label) ? label : throw new InvalidDataException($"Mermaid node '{id}' has no [\"label\"]");
        return lines.Select(l => MermaidEdge().Match(l)).Where(m => m.Success)
            .Select(m => $"{Label(m.Groups["from"].Value)} -> {Label(m.Groups["to"].Value)}")
            .Order(StringComparer.Ordinal)
            .ToList();
    }

    [GeneratedRegex(@"^(?<from>[\w.]+) -> (?<to>[\w.]+)$")]
    private static partial Regex EdgeLine();

    [GeneratedRegex(@"(?<id>\w+)\[""(?<label>[^""]+)""\]")]
    private static partial Regex MermaidNode();

    [GeneratedRegex(@"^(?<from>\w+)(?:\[""[^""]*""\])?\s*-->\s*(?<to>\w+)(?:\[""[^""]*""\])?$")]
    private static partial Regex MermaidEdge();
}
