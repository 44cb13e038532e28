namespace KernelPrBot.Checks.Index.Summaries;

/// <summary>One link of a "may sleep" chain: <see cref="Function"/> calls <see cref="Callee"/> at <see cref="Path"/>:<see cref="Line"/>.</summary>
public sealed record SleepStep(string Function, string Callee, string Path, int Line)
{
    public override string ToString() => $"{Function}() calls {Callee}() ({Path}:{Line})";
}
