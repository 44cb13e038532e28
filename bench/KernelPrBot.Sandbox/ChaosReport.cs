using System.Globalization;

namespace KernelPrBot.Sandbox;

/// <summary>The table a chaos run prints: counts for information and counts that must be zero, with the problems behind them.</summary>
internal sealed class ChaosReport(string forge)
{
    private readonly List<(string Name, string Value, bool Ok)> _rows = [];
    private readonly List<string> _problems = [];
    private readonly List<string> _notes = [];

    public string Forge { get; } = forge;

    public bool Holds => _rows.All(r => r.Ok);

    public TimeSpan Wall { get; set; }

    public IReadOnlyList<string> Problems => _problems;

    public void Info(string name, int value) => _rows.Add((name, value.ToString(CultureInfo.InvariantCulture), true));

    public void Info(string name, string value) => _rows.Add((name, value, true));

    /// <summary>A row that fails unless <paramref name="value"/> is 0.</summary>
    public void Must(string name, int value) => _rows.Add((name, value.ToString(CultureInfo.InvariantCulture), value == 0));

    /// <summary>A row that fails unless <paramref name="ok"/>.</summary>
    public void Must(string name, string value, bool ok) => _rows.Add((name, value, ok));

    /// <summary>Returns <paramref name="value"/>, noting <paramref name="problem"/> when it is not 0.</summary>
    public int Count(int value, string problem)
    {
        if (value > 0)
        {
            _problems.Add(problem);
        }

        return value;
    }

    public void Problem(string problem) => _problems.Add(problem);

    /// <summary>Explanations printed under the table (not failures).</summary>
    public void Note(string note) => _notes.Add(note);

    public void Print(TextWriter output)
    {
        output.WriteLine();
        output.WriteLine($"{Forge}:");
        output.WriteLine();
        output.WriteLine("| what | count | ok |");
        output.WriteLine("|---|---:|---|");
        foreach (var (name, value, ok) in _rows)
        {
            output.WriteLine($"| {name} | {value} | {(ok ? "" : "FAIL")} |");
        }

        output.WriteLine($"\nwall time {Wall.TotalSeconds:F0} s; invariants {(Holds ? "hold" : "FAIL")}");
        foreach (var note in _notes.Take(20))
        {
            output.WriteLine("  note: " + note);
        }

        foreach (var problem in _problems.Take(40))
        {
            output.WriteLine("  " + problem);
        }
    }
}
