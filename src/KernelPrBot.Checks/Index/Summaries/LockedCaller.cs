namespace KernelPrBot.Checks.Index.Summaries;

/// <summary>A call site that holds an atomic section (taken by <see cref="Acquisition"/>) while it calls a function.</summary>
public sealed record LockedCaller(string Caller, string Acquisition, string Path, int Line)
{
    public override string ToString() => $"{Caller}() calls it under {Acquisition}() ({Path}:{Line})";
}
