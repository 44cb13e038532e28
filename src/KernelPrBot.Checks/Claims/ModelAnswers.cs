namespace KernelPrBot.Checks.Claims;

/// <summary>What a model answered for a series: its name (every posted line names it) and one answer per patch.</summary>
public sealed record ModelAnswers(string Model, IReadOnlyList<PatchAnswer> Patches)
{
    public PatchAnswer? For(string? commitId, string? subject, bool onlyPatch) => Patches.FirstOrDefault(p => p.Matches(commitId, subject, onlyPatch));
}
