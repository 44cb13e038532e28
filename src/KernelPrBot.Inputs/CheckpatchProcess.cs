using System.Collections.Concurrent;
using System.Diagnostics;
using KernelPrBot.Checks.Kernel;
using KernelPrBot.Checks.Patches;

namespace KernelPrBot.Inputs;

/// <summary>
/// Runs <c>perl DIR/scripts/checkpatch.pl --no-tree --show-types --no-summary -</c> of the trusted tree, once per
/// input (a patch file, standard input, or a pull request's diff), with the input on its standard input. The script
/// is always the trusted tree's own; nothing from the patch is executed. A run that fails or takes too long gives no
/// reports and says so on the diagnostics writer.
/// </summary>
public sealed class CheckpatchProcess(KernelTree tree, IReadOnlyDictionary<string, byte[]> inputs) : ICheckpatch
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);
    private readonly ConcurrentDictionary<string, IReadOnlyList<CheckpatchReport>> _reports = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _problems = new();

    /// <summary>Runs that gave no reports because checkpatch.pl failed, one line each, for the host to show.</summary>
    public IReadOnlyCollection<string> Problems => _problems;

    /// <summary>Why the tree's checkpatch.pl cannot run here, or null when it can.</summary>
    public static string? Unavailable(KernelTree tree)
    {
        ArgumentNullException.ThrowIfNull(tree);
        if (!tree.HasCheckpatch)
        {
            return $"{tree.Given} has no scripts/checkpatch.pl";
        }

        return FindPerl() is null ? "perl is not installed" : null;
    }

    public IReadOnlyList<CheckpatchReport> ReportsFor(Patch patch) => _reports.GetOrAdd(patch.Source, Run);

    /// <summary>Runs checkpatch.pl on every input of the series ahead of the analysis, one process per core.</summary>
    /// <param name="progress">Called with (inputs done, inputs in all).</param>
    public void RunAll(IEnumerable<Patch> patches, Action<int, int>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(patches);
        var sources = patches.Select(p => p.Source).Where(inputs.ContainsKey).Distinct(StringComparer.Ordinal).ToList();
        var done = 0;
        Parallel.ForEach(sources, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, source =>
        {
            _reports.GetOrAdd(source, Run);
            progress?.Invoke(Interlocked.Increment(ref done), sources.Count);
        });
    }

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

        var start = new ProcessStartInfo(FindPerl() ?? "perl", [tree.CheckpatchScript, "--no-tree", "--show-types", "--no-summary", "--no-color", "-"])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = tree.Root,
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
                _problems.Enqueue($"checkpatch.pl took longer than {Timeout.TotalMinutes} minutes on {source}; its findings are left out");
                return [];
            }

            var reports = CheckpatchOutput.Parse(output.Result);
            if (reports.Count == 0 && process.ExitCode != 0)
            {
                // checkpatch exits 1 when it reports; a failure without a report is the script or perl failing.
                var why = errors.Result.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault() ?? $"exit status {process.ExitCode}";
                _problems.Enqueue($"checkpatch.pl failed on {source}: {Checks.TextClip.Shorten(why, 300)}");
            }

            return reports;
        }
        catch (Exception ex) when (ex is System.ComponentModel.Win32Exception or IOException)
        {
            _problems.Enqueue($"checkpatch.pl could not run: {ex.Message}");
            return [];
        }
    }
}
