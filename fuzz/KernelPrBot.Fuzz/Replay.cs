using System.Diagnostics;

namespace KernelPrBot.Fuzz;

/// <summary>Runs saved inputs through a target in this process and reports each failure and the slowest input.</summary>
internal static class Replay
{
    public static int Run(Action<byte[]> target, IEnumerable<string> paths, TextWriter output)
    {
        var files = paths.SelectMany(p => Directory.Exists(p) ? Directory.EnumerateFiles(p, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal) : (IEnumerable<string>)[p]).ToList();
        var failures = 0;
        var slowest = (Path: string.Empty, Time: TimeSpan.Zero);
        foreach (var file in files)
        {
            var clock = Stopwatch.StartNew();
            try
            {
                target(File.ReadAllBytes(file));
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                failures++;
                output.WriteLine($"FAIL {file}: {ex.GetType().Name}: {ex.Message}");
                output.WriteLine(ex.StackTrace);
            }

            if (clock.Elapsed > slowest.Time)
            {
                slowest = (file, clock.Elapsed);
            }
        }

        output.WriteLine($"{files.Count} inputs, {failures} failed; slowest {slowest.Time.TotalMilliseconds:F0} ms ({slowest.Path})");
        return failures == 0 ? 0 : 1;
    }
}
