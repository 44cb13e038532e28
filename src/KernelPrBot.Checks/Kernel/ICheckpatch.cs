using KernelPrBot.Checks.Patches;

namespace KernelPrBot.Checks.Kernel;

/// <summary>
/// Runs the base tree's own checkpatch.pl on a patch (never a script from the patch). The library stays free
/// of process handling: the command line and the server implement this, the <c>checkpatch</c> rule reads it.
/// </summary>
public interface ICheckpatch
{
    /// <summary>The reports for the mail or diff the patch came from (empty when checkpatch could not run).</summary>
    IReadOnlyList<CheckpatchReport> ReportsFor(Patch patch);
}
