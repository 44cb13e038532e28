using KernelPrBot.Checks.Kernel;

namespace KernelPrBot.Inputs;

/// <summary>What checkpatch.pl reported on a run's inputs, and the inputs it failed on (one line each).</summary>
public sealed record CheckpatchRun(CheckpatchReports Reports, IReadOnlyList<string> Problems);
