namespace KernelPrBot.Checks.Index;

/// <summary>What an index build read and found, and how long it took.</summary>
public sealed record IndexStatistics(int Files, long Characters, int Symbols, int Headers, TimeSpan Elapsed);
