using KernelPrBot.Checks.Patches;

namespace KernelPrBot.Checks.Kernel;

/// <summary>
/// What the trusted tree's checkpatch.pl reported, by the input each patch came from (<see cref="Patch.Source"/>).
/// The host runs the script before the analysis and passes its reports in as data, so the library starts no process.
/// </summary>
public sealed class CheckpatchReports(IReadOnlyDictionary<string, IReadOnlyList<CheckpatchReport>> bySource)
{
    /// <summary>The reports for the mail or diff the patch came from; empty when checkpatch did not run on it.</summary>
    public IReadOnlyList<CheckpatchReport> For(Patch patch)
    {
        ArgumentNullException.ThrowIfNull(patch);
        return bySource.TryGetValue(patch.Source, out var reports) ? reports : [];
    }
}
