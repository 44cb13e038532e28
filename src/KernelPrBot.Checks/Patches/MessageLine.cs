namespace KernelPrBot.Checks.Patches;

/// <summary>A line of a commit message with the line of the patch file it came from.</summary>
public sealed record MessageLine(string Text, int PatchLine);
