using System.Collections.Concurrent;
using System.Diagnostics;
using KernelPrBot.Checks.Kernel;

namespace KernelPrBot.Inputs;

/// <summary>
/// Runs <c>perl DIR/scripts/checkpatch.pl --no-tree --show-types --no-summary -</c> of the trusted tree, once per
/// input (a patch file, standard input, or a pull request's diff), with the input on its standard input. The script
/// is always the trusted tree's own; nothing from the patch is executed. A run that fails or takes too long gives no
/// reports and a problem line. The host runs it before the analysis and hands the reports to the library as data.
/// </summary>
public sealed class CheckpatchProcess(KernelTree tree)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);

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

    /// <summary>Runs checkpatch.pl on every input, one process per core, and collects the reports by input name.</summary>
    /// <param name="progress">Called with (inputs done, inputs in all).</param>
    public CheckpatchRun RunAll(IReadOnlyDictionary<string, byte[]> inputs, Action<int, int>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        var reports = new ConcurrentDictionary<string, IReadOnlyList<CheckpatchReport>>(StringComparer.Ordinal);
        var problems = new ConcurrentQueue<string>();
        var done = 0;
        Parallel.ForEach(inputs, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, input =>
        {
            reports[input.Key] = Run(input.Key, input.Value, problems);
            progress?.Invoke(Interlocked.Increment(ref done), inputs.Count);
        });

        return new CheckpatchRun(new CheckpatchReports(reports), [.. problems.Order(StringComparer.Ordinal)]);
    }

    private static string? FindPerl() =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator)
            .Select(dir => Path.Combine(dir, "perl"))
            .FirstOrDefault(File.Exists);

    private IReadOnlyList<CheckpatchReport> Run(string source, byte[] bytes, ConcurrentQueue<string> problems)
    {
        var start = new ProcessStartInfo(FindPerl() ?? "perl", [tree.CheckpatchScript, "--no-tree", "--show-types", "--no-summary", "--no-color", "-"])
        {
            WorkingDirectory = tree.Root,
        };

        // checkpatch looks up Fixes: ids in the current git repository; the result must not depend on where it runs.
        start.Environment["GIT_DIR"] = "/nonexistent";
        try
        {
            var run = ToolRun.Run(start, bytes, Timeout);
            if (run.TimedOut)
            {
                problems.Enqueue($"checkpatch.pl took longer than {Timeout.TotalMinutes} minutes on {source}; its findings are left out");
                return [];
            }

            var reports = CheckpatchOutput.Parse(run.Stdout);
            if (reports.Count == 0 && run.ExitCode != 0)
            {
                // checkpatch exits 1 when it reports; a failure without a report is the script or perl failing.
                problems.Enqueue($"checkpatch.pl failed on {source}: {Checks.TextClip.Shorten(run.Why, 300)}");
            }

            return reports;
        }
        catch (Exception ex) when (ex is System.ComponentModel.Win32Exception or IOException)
        {
            problems.Enqueue($"checkpatch.pl could not run on {source}: {ex.Message}");
            return [];
        }
    }
}
