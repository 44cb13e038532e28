namespace KernelPrBot.Checks.Analysis.Context;

/// <summary>Why a function starts in atomic context: how it is registered, or which caller holds what.</summary>
public sealed record EntryContext(string Reason, int Line);
