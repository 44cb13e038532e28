using System.Collections.Concurrent;
using System.Diagnostics;
using KernelPrBot.Checks.Kernel;
using KernelPrBot.Checks.Patches;

namespace KernelPrBot.Cli;

/// <summary>
/// Runs <c>perl DIR/scripts/checkpatch.pl --no-tree --show-types --no-summary -</c> of the tree given with --tree,
/// once per input (a patch file or standard input), with the input on its standard input. The script is always
/// the tree's own; nothing from the patch is executed. A run that fails or takes too long gives no reports.
/// </summary>
public sealed class CheckpatchProcess(string tree, IReadOnlyDictionary<string, byte[]> inputs, TextWriter? diagnostics = null) : ICheckpatch
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);
    private readonly ConcurrentDictionary<string, IReadOnlyList<CheckpatchReport>> _reports = new(StringComparer.Ordinal);

    /// <summary>A checkpatch for the tree, or null when the tree has no scripts/checkpatch.pl or perl is not installed.</summary>
    public static CheckpatchProcess? For(string tree, IReadOnlyDictionary<string, byte[]> inputs, TextWriter? diagnostics = null) =>
        File.Exists(Script(tree)) && FindPerl() is not null ? new CheckpatchProcess(tree, inputs, diagnostics) : null;

    public IReadOnlyList<CheckpatchReport> ReportsFor(Patch patch) => _reports.GetOrAdd(patch.Source, Run);

    private static string Script(string tree) => Path.Combine(Path.GetFullPath(tree), "scripts", "checkpatch.pl");

    private static string? FindPerl() =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator)
            .Select(dir => Path.Combine(dir, "perl"))
            .FirstOrDefault(File.Exists);

    private IReadOnlyList<CheckpatchReport> Run(string source)
    {
        if (!inputs.TryGetValue(source, out var bytes))
        {
            return [];
        }

        var start = new ProcessStartInfo(FindPerl() ?? "perl", [Script(tree), "--no-tree", "--show-types", "--no-summary", "--no-color", "-"])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetFullPath(tree),
        };

        // checkpatch looks up Fixes: ids in the current git repository; the result must not depend on where it runs.
        start.Environment["GIT_DIR"] = "/nonexistent";
        try
        {
            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEndAsync();
            var errors = process.StandardError.ReadToEndAsync();
            process.StandardInput.BaseStream.Write(bytes);
            process.StandardInput.Close();
            if (!process.WaitForExit(Timeout))
            {
                process.Kill(entireProcessTree: true);
                diagnostics?.WriteLine($"kernel-pr-bot: checkpatch.pl took longer than {Timeout.TotalMinutes} minutes on {source}; its findings are left out");
                return [];
            }

            return CheckpatchOutput.Parse(output.Result);
        }
        catch (Exception ex) when (ex is System.ComponentModel.Win32Exception or IOException)
        {
            diagnostics?.WriteLine($"kernel-pr-bot: checkpatch.pl could not run: {ex.Message}");
            return [];
        }
    }
}
