using System.Globalization;
using KernelPrBot.Checks.Index;
using KernelPrBot.Inputs;

namespace KernelPrBot.Cli.Commands;

/// <summary><c>kernel-pr-bot index --tree DIR -o FILE</c>: scans a kernel tree and writes its symbol index.</summary>
public static class IndexCommand
{
    private static readonly HashSet<string> ValueOptions = ["--tree", "-o", "--output", "--verify"];

    public static int Run(IReadOnlyList<string> args, TextWriter stderr, bool stderrIsTerminal)
    {
        if (args.Count == 2 && args[0] == "--verify")
        {
            return Verify(args[1], stderr);
        }

        var (tree, output) = ReadArguments(args);
        var index = Build(tree, stderr, stderrIsTerminal, out var statistics);
        var temporary = output + ".tmp";
        var writing = System.Diagnostics.Stopwatch.StartNew();
        using (var stream = File.Create(temporary))
        {
            index.Write(stream);
        }

        var written = writing.Elapsed;

        File.Move(temporary, output, overwrite: true);
        var size = new FileInfo(output).Length;
        stderr.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"indexed {statistics.Files:N0} files ({statistics.Characters / (1024 * 1024):N0} MiB): {statistics.Symbols:N0} symbols, {statistics.Headers:N0} headers; " +
            $"{output} is {size / (1024.0 * 1024):F1} MiB; {statistics.Elapsed.TotalSeconds:F1} s"));
        if (index.Summary is { } summary)
        {
            stderr.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"summaries: {summary.Functions:N0} functions, {summary.Calls:N0} calls; {summary.MaySleep:N0} may sleep, {summary.AtomicEntries:N0} run atomic, " +
                $"{summary.DocumentedSlots:N0} documented atomic slots; solved in {summary.SolveTime.TotalSeconds:F1} s, written in {written.TotalSeconds:F1} s"));
        }
        return ExitCodes.Clean;
    }

    /// <summary><c>index --verify FILE</c>: loads the index (checking its format and checksum) and says what it holds and how long loading took.</summary>
    private static int Verify(string path, TextWriter stderr)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var index = SymbolIndex.Load(path);
        var elapsed = clock.Elapsed;
        stderr.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{path}: format version {SymbolIndexFormat.Version}, {index.SymbolCount:N0} symbols, {index.HeaderCount:N0} headers, {index.Size / (1024.0 * 1024):F1} MiB; loaded in {elapsed.TotalMilliseconds:F0} ms"));
        return ExitCodes.Clean;
    }

    private static (string Tree, string Output) ReadArguments(IReadOnlyList<string> args)
    {
        // "-o FILE" is accepted besides "--output FILE".
        var normalised = args.Select(a => a == "-o" ? "--output" : a).ToList();
        var reader = new ArgumentReader(normalised, ValueOptions, new HashSet<string>());
        if (reader.Positional.Count > 0)
        {
            throw new UsageException($"index takes no positional arguments, got '{reader.Positional[0]}'");
        }

        var tree = reader.Value("--tree") ?? throw new UsageException("index needs --tree DIR");
        var output = reader.Value("--output") ?? throw new UsageException("index needs -o FILE");
        return (tree, output);
    }

    /// <summary>Scans the tree, drawing progress on stderr when it is a terminal.</summary>
    internal static SymbolIndexBuilder Build(string tree, TextWriter stderr, bool stderrIsTerminal, out IndexStatistics statistics)
    {
        try
        {
            return TreeIndexing.Build(KernelTree.Open(tree), stderr, stderrIsTerminal, out statistics);
        }
        catch (KernelTreeException ex)
        {
            throw new UsageException("--tree " + ex.Message);
        }
    }
}
