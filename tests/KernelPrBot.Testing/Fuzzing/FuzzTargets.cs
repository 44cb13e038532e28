using System.Text;
using KernelPrBot.Checks.Analysis;
using KernelPrBot.Checks.Analysis.Context;
using KernelPrBot.Checks.Output;
using KernelPrBot.Checks.Patches;
using KernelPrBot.Checks.Rules;
using KernelPrBot.Checks.Source;

namespace KernelPrBot.Testing.Fuzzing;

/// <summary>
/// The entry points the fuzz harness (fuzz/KernelPrBot.Fuzz) drives and the regression tests replay: each takes
/// raw bytes, runs one stage and throws when it throws or when its result breaks an invariant.
/// </summary>
public static class FuzzTargets
{
    private const string Source = "fuzz.patch";

    public static IReadOnlyDictionary<string, Action<byte[]>> All { get; } = new Dictionary<string, Action<byte[]>>(StringComparer.Ordinal)
    {
        ["mbox"] = Mbox,
        ["diff"] = Diff,
        ["lexer"] = Lexer,
        ["check"] = Check,
    };

    /// <summary>The patch parser from bytes: mbox, format-patch mail, git log -p, plain diff.</summary>
    public static void Mbox(byte[] input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var series = PatchParser.Parse(input, Source);
        FuzzInvariants.Series(series);
    }

    /// <summary>The unified-diff parser alone, on every line of the input.</summary>
    public static void Diff(byte[] input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var diagnostics = new List<PatchDiagnostic>();
        var lines = PatchText.SplitLines(PatchText.Decode(input, Source, diagnostics));
        var files = DiffParser.Parse(lines, 0, lines.Length, Source, diagnostics);
        FuzzInvariants.Diagnostics(diagnostics, lines.Length);
        FuzzInvariants.Files(files, lines.Length);
    }

    /// <summary>The C lexer and the structural analysis on top of it (functions, statements, path walk).</summary>
    public static void Lexer(byte[] input)
    {
        ArgumentNullException.ThrowIfNull(input);

        // Latin-1 maps every byte to one character, so the fuzzer reaches every char below 256.
        var text = Encoding.Latin1.GetString(input);
        var tokens = CLexer.Lex(text);
        FuzzInvariants.Tokens(text, tokens);
        var analysis = SourceContextAnalysis.Analyze(text, tokens);
        foreach (var f in analysis.Functions)
        {
            if (f.Function.EndLine < f.Function.Line)
            {
                throw new FuzzInvariantException($"function {f.Function.Name} ends (line {f.Function.EndLine}) before it starts (line {f.Function.Line})");
            }
        }
    }

    /// <summary>What <c>kernel-pr-bot check</c> does with one input: parse, every rule with a symbol index, JSON and SARIF output.</summary>
    public static void Check(byte[] input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var series = PatchParser.Parse(input, Source);
        FuzzInvariants.Series(series);
        var analyzer = new Analyzer(RuleCatalog.All);
        var result = analyzer.Run(series, null, TestIndex.Options);

        // The analyzer turns a rule's exception into a diagnostic so a review goes on; a fuzzer must see it.
        if (result.Diagnostics.FirstOrDefault(d => d.Message.StartsWith("rule ", StringComparison.Ordinal) && d.Message.Contains("could not analyse", StringComparison.Ordinal)) is { } failed)
        {
            throw new FuzzInvariantException(failed.Message);
        }

        foreach (var f in result.Findings)
        {
            if (f.Fingerprint.Length != 16 || string.IsNullOrWhiteSpace(f.Message) || f.Line < 0)
            {
                throw new FuzzInvariantException($"finding {f.RuleId} at {f.File}:{f.Line} is malformed: '{f.Message}' fp={f.Fingerprint}");
            }
        }

        foreach (var format in new[] { OutputFormat.Json, OutputFormat.Sarif, OutputFormat.Text })
        {
            Formatters.For(format, analyzer.EnabledRules).Write(result, TextWriter.Null);
        }
    }
}
