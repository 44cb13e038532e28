namespace KernelPrBot.Checks.Index.Summaries;

/// <summary>One link of a "may sleep" chain: <see cref="Function"/> calls <see cref="Callee"/> at <see cref="Path"/>:<see cref="Line"/>.</summary>
public sealed record SleepStep(string Function, string Callee, string Path, int Line)
{
    public override string ToString() => $"{Function}() calls {Callee}() ({Path}:{Line})";

    /// <summary>"foo() may sleep: it calls bar() (drivers/x/y.c:12), which calls mutex_lock() (drivers/x/z.c:40)"; a step of the file being read (no path) names <paramref name="localPath"/>.</summary>
    public static string Describe(IReadOnlyList<SleepStep> chain, string localPath = "")
    {
        ArgumentNullException.ThrowIfNull(chain);
        string Where(SleepStep step) => $"{(step.Path.Length == 0 ? localPath : step.Path)}:{step.Line}";
        var text = new System.Text.StringBuilder($"{chain[0].Function}() may sleep: it calls {chain[0].Callee}() ({Where(chain[0])})");
        foreach (var step in chain.Skip(1))
        {
            text.Append($", which calls {step.Callee}() ({Where(step)})");
        }

        return text.ToString();
    }
}
