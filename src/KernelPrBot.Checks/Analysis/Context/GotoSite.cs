namespace KernelPrBot.Checks.Analysis.Context;

/// <summary>A goto statement (view line) and the path states that jump from it to its label.</summary>
public sealed record GotoSite(int Line, string Label, IReadOnlyList<ContextState> States);
