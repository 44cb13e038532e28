namespace KernelPrBot.Checks.Index.Summaries;

/// <summary>The size of a tree's call graph and what its summaries found: functions that may sleep, atomic entries, documented slots.</summary>
public sealed record SummaryStatistics(int Functions, int Calls, int ValueUses, int MaySleep, int AtomicEntries, int DocumentedSlots, TimeSpan SolveTime);
