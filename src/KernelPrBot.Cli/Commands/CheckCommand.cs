using System.Diagnostics;
using System.Globalization;
using KernelPrBot.Checks.Analysis;
using KernelPrBot.Checks.Config;
using KernelPrBot.Checks.Index;
using KernelPrBot.Checks.Kernel;
using KernelPrBot.Checks.Output;
using KernelPrBot.Checks.Patches;
using KernelPrBot.Checks.Rules;

namespace KernelPrBot.Cli.Commands;

/// <summary>
/// <c>kernel-pr-bot check [--tree DIR] [--index FILE] [--config FILE] [--format F] [--fail-on L] [--submitter WHO] &lt;patches | -&gt;</c>.
/// Reads patch files (or a directory of them, or standard input), runs the rules and prints the findings.
/// </summary>
public static class CheckCommand
{
    private static readonly HashSet<string> ValueOptions = ["--tree", "--index", "--config", "--format", "--fail-on", "--submitter", "--max-size-mb"];
    private static readonly HashSet<string> Flags = ["--color", "--no-color", "--maintainers", "--stats"];

    private static readonly Dictionary<string, OutputFormat> FormatChoices = new(StringComparer.Ordinal)
    {
        ["text"] = OutputFormat.Text,
        ["json"] = OutputFormat.Json,
        ["sarif"] = OutputFormat.Sarif,
        ["github"] = OutputFormat.GitHub,
    };

    private static readonly Dictionary<string, Severity?> FailOnChoices = new(StringComparer.Ordinal)
    {
        ["error"] = Severity.Error,
        ["warning"] = Severity.Warning,
        ["note"] = Severity.Note,
        ["never"] = null,
    };

    public static int Run(IReadOnlyList<string> args, Stream stdin, TextWriter stdout, bool stdoutIsTerminal, TextWriter? stderr = null, bool stderrIsTerminal = false)
    {
        stderr ??= TextWriter.Null;
        var reader = new ArgumentReader(args, ValueOptions, Flags);
        var format = reader.Choice("--format", OutputFormat.Text, FormatChoices);
        var failOn = reader.Choice("--fail-on", (Severity?)Severity.Error, FailOnChoices);
        var maxBytes = ReadMaxBytes(reader);
        if (reader.Positional.Count == 0)
        {
            throw new UsageException("check needs patch files, a directory of them, or '-' for standard input");
        }

        var tree = reader.Value("--tree");
        if (tree is not null && !Directory.Exists(tree))
        {
            throw new UsageException($"--tree {tree}: no such directory");
        }

        if (reader.Has("--maintainers") && (tree is null || !File.Exists(Path.Combine(tree, "MAINTAINERS"))))
        {
            throw new UsageException("--maintainers needs --tree DIR with a MAINTAINERS file");
        }

        var config = LoadConfig(reader.Value("--config"), tree);
        Person? submitter = null;
        if (reader.Value("--submitter") is { } who)
        {
            submitter = Person.TryParse(who) ?? throw new UsageException($"--submitter '{who}' is not 'Name <address>'");
        }

        var clock = Stopwatch.StartNew();
        var startHeap = (Allocated: GC.GetTotalAllocatedBytes(precise: true), Collections: GC.CollectionCount(0));
        var inputs = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        var series = PatchSeries.Combine(ExpandInputs(reader.Positional).Select(input => Read(input, stdin, maxBytes, inputs)));
        if (series.Patches.Count == 0)
        {
            var first = series.Diagnostics.FirstOrDefault(d => d.Severity == DiagnosticSeverity.Error);
            throw new UsageException(first is null ? "no patch found in the input" : first.ToString());
        }

        var options = AnalysisOptions.Default with { Submitter = submitter };
        Dictionary<(int, string), FileImages>? images = null;
        if (tree is not null)
        {
            var applyDiagnostics = new List<PatchDiagnostic>();
            images = TreeApplier.Apply(series, tree, applyDiagnostics);
            series = series with { Diagnostics = [.. series.Diagnostics, .. applyDiagnostics] };
            options = options with
            {
                Licenses = SpdxLicenseTable.FromTree(tree) ?? SpdxLicenseTable.Builtin,
                Checkpatch = CheckpatchProcess.For(tree, inputs, stderr),
            };
        }

        options = options with { Symbols = LoadIndex(reader.Value("--index"), tree, stderr, stderrIsTerminal) };
        var prepared = clock.Elapsed;
        var analyzer = new Analyzer(RuleCatalog.All, config);
        var result = analyzer.Run(series, images, options);
        if (reader.Has("--stats"))
        {
            WriteStats(stderr, series, prepared, clock.Elapsed - prepared,
                GC.GetTotalAllocatedBytes(precise: true) - startHeap.Allocated, GC.CollectionCount(0) - startHeap.Collections);
        }

        var colour = reader.Has("--color") || (stdoutIsTerminal && !reader.Has("--no-color") && Environment.GetEnvironmentVariable("NO_COLOR") is null);
        Formatters.For(format, analyzer.EnabledRules, colour).Write(result, stdout);
        if (reader.Has("--maintainers") && tree is not null)
        {
            // Text output gets the recipients after the findings; machine formats keep stdout clean.
            WriteRecipients(series, tree, format == OutputFormat.Text ? stdout : stderr);
        }

        return ExitCode(result, failOn);
    }

    /// <summary>
    /// In-process times, for comparing with other checkers without process start-up (scripts/bench-vs-checkpatch.sh),
    /// and what the check allocated: in a fresh process every allocated page is a first-touch page fault.
    /// </summary>
    private static void WriteStats(TextWriter stderr, PatchSeries series, TimeSpan prepared, TimeSpan analysed, long allocated, int collections)
    {
        var lines = series.Patches.SelectMany(p => p.Files).SelectMany(f => f.Hunks).Sum(h => h.Lines.Count);
        stderr.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"kernel-pr-bot: stats: {series.Patches.Count} patches, {lines} diff lines; read and parse {prepared.TotalMilliseconds:F2} ms, analysis {analysed.TotalMilliseconds:F2} ms, {(prepared + analysed).TotalMilliseconds / Math.Max(1, series.Patches.Count):F3} ms per patch; allocated {allocated / 1048576.0:F1} MiB, {collections} collections"));
    }

    /// <summary>The index given with --index, else the cached index of --tree (built on first use), else none.</summary>
    private static SymbolIndex? LoadIndex(string? indexPath, string? tree, TextWriter stderr, bool stderrIsTerminal)
    {
        if (indexPath is not null)
        {
            return SymbolIndex.Load(indexPath);
        }

        return tree is not null && TreeIndexer.IsKernelTree(tree) ? IndexCache.LoadOrBuild(tree, stderr, stderrIsTerminal) : null;
    }

    /// <summary>Recipients from the tree's MAINTAINERS, as get_maintainer.pl --no-git would give them, and a git send-email line.</summary>
    private static void WriteRecipients(PatchSeries series, string tree, TextWriter writer)
    {
        var maintainers = MaintainersFile.FromTree(tree);
        var files = series.Patches.SelectMany(p => p.Files).SelectMany(f => new[] { f.OldPath, f.NewPath }).OfType<string>().ToList();
        var lines = new List<string>();
        foreach (var patch in series.Patches)
        {
            if (patch.Commit is { } commit)
            {
                lines.Add("Subject: " + commit.RawSubject);
                lines.AddRange(commit.MessageLines.Select(l => l.Text));
            }
        }

        foreach (var file in series.Patches.SelectMany(p => p.Files))
        {
            lines.Add("--- a/" + (file.OldPath ?? file.Path));
            lines.AddRange(file.Hunks.SelectMany(h => h.Lines).Where(l => l.Kind != DiffLineKind.Context)
                .Select(l => (l.Kind == DiffLineKind.Added ? "+" : "-") + l.Text));
        }

        var recipients = maintainers.Route(files, lines, MaintainersFile.TreeReader(tree));
        writer.WriteLine("recipients (MAINTAINERS):");
        foreach (var person in recipients.People)
        {
            writer.WriteLine($"  {person} ({(recipients.Reviewers.Contains(person) ? "reviewer" : "maintainer")})");
        }

        foreach (var list in recipients.Lists)
        {
            writer.WriteLine($"  {list} (list)");
        }

        writer.WriteLine(recipients.SendEmailCommand());
    }

    internal static int ExitCode(AnalysisResult result, Severity? failOn)
    {
        if (failOn is not { } level)
        {
            return ExitCodes.Clean;
        }

        var inputErrors = result.Diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error);
        return inputErrors || result.Findings.Any(f => f.Severity >= level) ? ExitCodes.Findings : ExitCodes.Clean;
    }

    private static long ReadMaxBytes(ArgumentReader reader)
    {
        var text = reader.Value("--max-size-mb");
        if (text is null)
        {
            return 256L * 1024 * 1024;
        }

        return long.TryParse(text, out var mb) && mb is > 0 and <= 4096
            ? mb * 1024 * 1024
            : throw new UsageException($"--max-size-mb must be a whole number from 1 to 4096, not '{text}'");
    }

    private static CheckConfig LoadConfig(string? path, string? tree)
    {
        try
        {
            if (path is not null)
            {
                return CheckConfigParser.Load(path, RuleCatalog.Ids);
            }

            var inTree = tree is null ? null : Path.Combine(tree, CheckConfigParser.FileName);
            return inTree is not null && File.Exists(inTree) ? CheckConfigParser.Load(inTree, RuleCatalog.Ids) : CheckConfig.Empty;
        }
        catch (ConfigException ex)
        {
            throw new UsageException(ex.Message);
        }
    }

    private static IEnumerable<string> ExpandInputs(IEnumerable<string> inputs)
    {
        foreach (var input in inputs)
        {
            if (input != "-" && Directory.Exists(input))
            {
                var files = Directory.EnumerateFiles(input)
                    .Where(f => f.EndsWith(".patch", StringComparison.Ordinal) || f.EndsWith(".diff", StringComparison.Ordinal) || f.EndsWith(".mbox", StringComparison.Ordinal))
                    .Order(StringComparer.Ordinal)
                    .ToList();
                if (files.Count == 0)
                {
                    throw new UsageException($"{input}: the directory has no .patch, .diff or .mbox files");
                }

                foreach (var file in files)
                {
                    yield return file;
                }
            }
            else
            {
                yield return input;
            }
        }
    }

    private static PatchSeries Read(string input, Stream stdin, long maxBytes, Dictionary<string, byte[]> inputs)
    {
        if (input != "-")
        {
            var info = new FileInfo(input);
            if (!info.Exists || info.Length > maxBytes)
            {
                return PatchParser.ParseFile(input, maxBytes); // says why
            }

            // Read once: the parser and checkpatch.pl (with --tree) see the same bytes.
            var bytes = File.ReadAllBytes(input);
            var parsed = PatchParser.Parse(bytes, input);
            if (parsed.Patches.Count > 0)
            {
                inputs[parsed.Patches[0].Source] = bytes;
            }

            return parsed;
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = stdin.Read(chunk, 0, chunk.Length)) > 0)
        {
            if (buffer.Length + read > maxBytes)
            {
                return PatchParser.Failed("<stdin>", $"standard input is larger than {maxBytes / (1024 * 1024)} MiB");
            }

            buffer.Write(chunk, 0, read);
        }

        inputs["<stdin>"] = buffer.ToArray();
        return PatchParser.Parse(inputs["<stdin>"], "<stdin>");
    }
}
