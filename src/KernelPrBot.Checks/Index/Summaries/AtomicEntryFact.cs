namespace KernelPrBot.Checks.Index.Summaries;

/// <summary>Why a function runs in atomic context, and where that was seen.</summary>
public sealed record AtomicEntryFact(string Reason, string Path, int Line)
{
    /// <summary>Learnt from the tree's callers (not from a registration or a documented slot).</summary>
    public bool FromCallers => Reason.StartsWith("called ", StringComparison.Ordinal);

    public override string ToString() => $"{Reason} ({Path}:{Line})";
}
