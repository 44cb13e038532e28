using System.Collections.Concurrent;
using System.Diagnostics;
using KernelPrBot.Checks.Analysis.Context;
using KernelPrBot.Checks.Source;
using KernelPrBot.Testing;
using Xunit;
using Xunit.Abstractions;

namespace KernelPrBot.Checks.Tests.Corpus;

/// <summary>The C lexer, function finder and context analysis run over every .c file of the real tree without an exception.</summary>
public sealed class KernelTreeScanTests(ITestOutputHelper output)
{
    [KernelTreeFact]
    public void Every_c_file_of_the_tree_is_analysed_without_an_exception()
    {
        var root = KernelTree.Path ?? throw new InvalidOperationException("CI needs the kernel tree: run .ci/run");
        var sub = Environment.GetEnvironmentVariable("KPB_SCAN_DIR") ?? string.Empty;
        var files = Directory.EnumerateFiles(Path.Combine(root, sub), "*.c", SearchOption.AllDirectories).ToList();
        var failures = new ConcurrentBag<string>();
        long lines = 0, functions = 0;
        var watch = Stopwatch.StartNew();
        Parallel.ForEach(files, file =>
        {
            try
            {
                var text = File.ReadAllText(file);
                var analysis = SourceContextAnalysis.Analyze(text, CLexer.Lex(text));
                Interlocked.Add(ref functions, analysis.Functions.Count);
                Interlocked.Add(ref lines, text.Count(c => c == '\n'));
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                failures.Add($"{file}: {ex.GetType().Name}: {ex.Message}");
            }
        });
        output.WriteLine($"{files.Count} files, {lines} lines, {functions} functions in {watch.Elapsed.TotalSeconds:F1} s");
        Assert.True(files.Count > 100);
        Assert.Empty(failures);
    }
}
