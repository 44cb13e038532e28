namespace KernelPrBot.Checks.Patches;

/// <summary>What the <c>[PATCH v2 3/7]</c> prefix of a subject said.</summary>
public sealed record PatchTag(string Text, int? Version, int? Index, int? Count, bool IsRfc);
