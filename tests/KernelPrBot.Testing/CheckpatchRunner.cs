using System.Diagnostics;
using KernelPrBot.Checks.Kernel;

namespace KernelPrBot.Testing;

/// <summary>Runs the kernel tree's own scripts/checkpatch.pl (never one from a patch) and reads its reports.</summary>
public static class CheckpatchRunner
{
    public sealed record Report(string Type, string? File, int? Line);

    /// <summary>The categories KernelPrBot shares with checkpatch, and the rule ids that may answer each type.</summary>
    public static IReadOnlyDictionary<string, string[]> TypeToRules => CheckpatchOutput.TypeToRules;

    public static IReadOnlyList<Report> Run(string tree, string patchPath)
    {
        var start = new ProcessStartInfo("perl", [Path.Combine(tree, "scripts", "checkpatch.pl"), "--no-tree", "--show-types", "--no-summary", patchPath])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };

        // checkpatch looks up Fixes: ids in the current git repository; keep the result independent of where it runs.
        start.Environment["GIT_DIR"] = "/nonexistent";
        using var child = ChildProcess.Start(start);
        var process = child.Process;
        var output = process.StandardOutput.ReadToEnd();
        process.StandardError.ReadToEnd();
        process.WaitForExit();
        return Parse(output);
    }

    public static IReadOnlyList<Report> Parse(string output) =>
        CheckpatchOutput.Parse(output).Select(r => new Report(r.Type, r.File, r.Line)).ToList();
}
