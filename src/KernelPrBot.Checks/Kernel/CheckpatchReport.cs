namespace KernelPrBot.Checks.Kernel;

/// <summary>One report of checkpatch.pl --show-types: level (ERROR, WARNING, CHECK), type, message, and its FILE: place when it has one.</summary>
public sealed record CheckpatchReport(string Level, string Type, string Message, string? File, int? Line);
