namespace KernelPrBot.Checks.Index.Summaries;

/// <summary>A lock class taken by a callback that runs in interrupt context (<see cref="Level"/>: hardirq or softirq), and where.</summary>
public sealed record IrqUse(string Level, string Callback, string Primitive, string Path, int Line, string How)
{
    public bool HardIrq => Level == "hardirq";

    public override string ToString() => $"{Callback}() ({How}) takes it with {Primitive}() at {Path}:{Line}";
}
