namespace KernelPrBot.Checks.Patches;

/// <summary>What the parsers read: the patches in order, and what was wrong with the input.</summary>
public sealed record PatchSeries(IReadOnlyList<Patch> Patches, IReadOnlyList<PatchDiagnostic> Diagnostics)
{
    public static PatchSeries Combine(IEnumerable<PatchSeries> parts)
    {
        var list = parts.ToList();
        return new PatchSeries(list.SelectMany(p => p.Patches).ToList(), list.SelectMany(p => p.Diagnostics).ToList());
    }

    public bool HasErrors => Diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error);
}
