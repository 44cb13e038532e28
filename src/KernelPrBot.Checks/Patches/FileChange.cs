namespace KernelPrBot.Checks.Patches;

/// <summary>The change to one file. Paths are relative to the tree root, without the a/ and b/ prefixes.</summary>
public sealed record FileChange
{
    public string? OldPath { get; init; }

    public string? NewPath { get; init; }

    public FileChangeKind Kind { get; init; }

    public bool IsBinary { get; init; }

    public string? OldMode { get; init; }

    public string? NewMode { get; init; }

    public int? SimilarityIndex { get; init; }

    public int PatchLine { get; init; }

    public IReadOnlyList<Hunk> Hunks { get; init; } = [];

    /// <summary>The path findings are reported against: the new path, or the old one for a deletion.</summary>
    public string Path => NewPath ?? OldPath ?? string.Empty;

    public IEnumerable<DiffLine> AddedLines => Hunks.SelectMany(h => h.AddedLines);
}
