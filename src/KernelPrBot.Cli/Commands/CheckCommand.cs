using System.Diagnostics;
using System.Globalization;
using KernelPrBot.Checks.Analysis;
using KernelPrBot.Checks.Config;
using KernelPrBot.Checks.Index;
using KernelPrBot.Checks.Kernel;
using KernelPrBot.Checks.Output;
using KernelPrBot.Checks.Patches;
using KernelPrBot.Checks.Rules;
using KernelPrBot.Cli.Input;
using KernelPrBot.Inputs;
using KernelPrBot.Checks.Source;

namespace KernelPrBot.Cli.Commands;

/// <summary>
/// <c>kernel-pr-bot check [options] &lt;patches | directory | - | revision range&gt;</c> (<see cref="CommandHelp.Check"/>).
/// Reads the patches, assembles the trusted tree's inputs with <see cref="AnalysisInputBuilder"/> (as the bot does),
/// runs the rules and prints the findings.
/// </summary>
public static class CheckCommand
{
    private static readonly HashSet<string> ValueOptions = ["--tree", "--index", "--git", "--config", "--format", "--fail-on", "--submitter", "--max-size-mb", "--model-answers"];
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
            throw new UsageException("check needs patch files, a directory of them, '-' for standard input, or a git revision range (see check --help)");
        }

        var gitRepository = reader.Value("--git");
        if (gitRepository is not null && !Directory.Exists(gitRepository))
        {
            throw new UsageException($"--git {gitRepository}: no such directory");
        }

        var inputBuilder = LoadTree(reader, stderr, stderrIsTerminal);
        var tree = inputBuilder.Tree;
        if (reader.Has("--maintainers") && inputBuilder.Maintainers is null)
        {
            throw new UsageException("--maintainers needs --tree DIR with a MAINTAINERS file");
        }

        var config = LoadConfig(reader.Value("--config"), tree);
        Person? submitter = null;
        if (reader.Value("--submitter") is { } who)
        {
            submitter = Person.TryParse(who) ?? throw new UsageException($"--submitter '{who}' is not 'Name <address>'");
        }

        var answers = LoadModelAnswers(reader.Value("--model-answers"));
        var clock = Stopwatch.StartNew();
        var startHeap = (Allocated: GC.GetTotalAllocatedBytes(precise: true), Collections: GC.CollectionCount(0));
        var inputs = PatchInputs.Read(reader.Positional, stdin, maxBytes, gitRepository);
        var series = inputs.Series;
        if (series.Patches.Count == 0)
        {
            var first = series.Diagnostics.FirstOrDefault(d => d.Severity == DiagnosticSeverity.Error);
            throw new UsageException(first is null ? "no patch found in the input" : first.ToString());
        }

        var progress = new TerminalProgress(stderr, stderrIsTerminal);
        // checkpatch.pl takes a fifth of a second a mail: on a long series it is most of the time, hence the progress.
        var input = inputBuilder.Build(inputs.Bytes, submitter, (done, total) => progress.Report("checkpatch.pl", done, total));
        if (answers is not null)
        {
            input = input with { Options = input.Options with { Claims = answers } };
        }

        Dictionary<(int, string), FileImages>? images = null;
        if (tree is not null)
        {
            var applyDiagnostics = new List<PatchDiagnostic>();
            images = TreeApplier.Apply(series, tree.Root, applyDiagnostics);
            series = series with { Diagnostics = [.. series.Diagnostics, .. applyDiagnostics] };
        }

        var prepared = clock.Elapsed;
        var analyzer = new Analyzer(RuleCatalog.All, config);
        var result = analyzer.Run(series, images, input.Options, (done, total) => progress.Report("checking patch", done, total));
        progress.Done();
        result = WithInputNotes(result, input);
        if (reader.Has("--stats"))
        {
            WriteStats(stderr, series, prepared, clock.Elapsed - prepared,
                GC.GetTotalAllocatedBytes(precise: true) - startHeap.Allocated, GC.CollectionCount(0) - startHeap.Collections);
        }

        var colour = reader.Has("--color") || (stdoutIsTerminal && !reader.Has("--no-color") && Environment.GetEnvironmentVariable("NO_COLOR") is null);
        Formatters.For(format, analyzer.EnabledRules, colour).Write(result, stdout);
        if (reader.Has("--maintainers") && tree is not null && inputBuilder.Maintainers is { } maintainers)
        {
            // Text output gets the recipients after the findings; machine formats keep stdout clean.
            RecipientsWriter.Write(series, maintainers, tree.Root, reader.Positional, format == OutputFormat.Text ? stdout : stderr);
        }

        return ExitCode(result, failOn);
    }

    /// <summary>The trusted tree's inputs: --tree (refused unless it is a kernel tree) and --index, or the tree's cached index.</summary>
    private static AnalysisInputBuilder LoadTree(ArgumentReader reader, TextWriter stderr, bool stderrIsTerminal)
    {
        try
        {
            return AnalysisInputBuilder.Load(
                reader.Value("--tree"), reader.Value("--index"), tree => IndexCache.LoadOrBuild(tree, stderr, stderrIsTerminal), InputSettingNames.CommandLine);
        }
        catch (KernelTreeException ex)
        {
            throw new UsageException("--tree " + ex.Message);
        }
    }

    /// <summary>What the inputs could not provide and what went wrong using them, before the analysis' own notes.</summary>
    private static AnalysisResult WithInputNotes(AnalysisResult result, AnalysisInput input)
    {
        if (result.FileCount == 0)
        {
            return result; // commit messages only: no file check was skipped
        }

        return result with { Notes = [.. input.NotChecked, .. input.Problems, .. result.Notes] };
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

    /// <summary>Recorded model answers to verify instead of calling a model (<c>--model-answers FILE</c>).</summary>
    private static Checks.Claims.ModelAnswers? LoadModelAnswers(string? path)
    {
        if (path is null)
        {
            return null;
        }

        try
        {
            var info = new FileInfo(path);
            if (!info.Exists)
            {
                throw new UsageException($"--model-answers {path}: no such file");
            }

            if (info.Length > Checks.Claims.ClaimReader.MaxDocumentBytes)
            {
                throw new UsageException($"--model-answers {path}: {info.Length / 1048576} MiB, more than the {Checks.Claims.ClaimReader.MaxDocumentBytes / 1048576} MiB allowed");
            }

            return Checks.Claims.ClaimReader.ReadAnswers(File.ReadAllBytes(path));
        }
        catch (Checks.Claims.ClaimFormatException ex)
        {
            throw new UsageException($"--model-answers {path}: {ex.Message}");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"--model-answers {path}: {ex.Message}");
        }
    }

    private static CheckConfig LoadConfig(string? path, KernelTree? tree)
    {
        try
        {
            if (path is not null)
            {
                return CheckConfigParser.Load(path, RuleCatalog.Ids);
            }

            var inTree = tree is null ? null : Path.Combine(tree.Root, CheckConfigParser.FileName);
            return inTree is not null && File.Exists(inTree) ? CheckConfigParser.Load(inTree, RuleCatalog.Ids) : CheckConfig.Empty;
        }
        catch (ConfigException ex)
        {
            throw new UsageException(ex.Message);
        }
    }
}
