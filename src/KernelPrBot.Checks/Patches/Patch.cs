namespace KernelPrBot.Checks.Patches;

/// <summary>One commit (one mail of a series) or one plain diff.</summary>
public sealed record Patch(string Source, int StartLine, CommitInfo? Commit, IReadOnlyList<FileChange> Files);
