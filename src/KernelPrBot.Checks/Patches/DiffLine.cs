namespace KernelPrBot.Checks.Patches;

/// <summary>One line of a hunk. <see cref="OldLine"/> is 0 for added lines, <see cref="NewLine"/> is 0 for removed ones.</summary>
public sealed record DiffLine(DiffLineKind Kind, string Text, int OldLine, int NewLine, int PatchLine);
