using KernelPrBot.Checks.Patches;

namespace KernelPrBot.Benchmarks;

/// <summary>Fails the setup when the generated input does not parse as intended, so no benchmark measures an error path.</summary>
internal static class Check
{
    public static PatchSeries Parsed(PatchSeries series, int expectedPatches)
    {
        if (series.HasErrors || series.Patches.Count != expectedPatches || series.Patches.Any(p => p.Commit is null || p.Files.Count != 1))
        {
            var problems = string.Join("; ", series.Diagnostics.Take(5));
            throw new InvalidOperationException(
                $"generated input parsed as {series.Patches.Count} patches (expected {expectedPatches}, one file each): {problems}");
        }

        return series;
    }
}
