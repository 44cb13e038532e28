using KernelPrBot.Checks.Analysis;
using KernelPrBot.Checks.Analysis.Context;
using KernelPrBot.Checks.Index;
using KernelPrBot.Checks.Patches;

namespace KernelPrBot.Checks.Rules;

/// <summary>
/// What a rule sees of one changed file: the diff, the post-image when known, lexed code views and their
/// context analysis. A baseline context shows the file before the patch, with every line counted, so that
/// findings the base already had are not blamed on the patch.
/// </summary>
public sealed class FileContext
{
    private IReadOnlyList<CodeView>? _code;
    private IReadOnlyList<(CodeView View, SourceContextAnalysis Analysis)>? _contexts;
    private FileContext? _baseline;
    private HashSet<int>? _changedLines;
    private readonly Lazy<PatchDefinitions> _definitions;

    public FileContext(Patch patch, FileChange file, FileImages? images, AnalysisOptions options, FindingSink sink, Lazy<PatchDefinitions>? definitions = null, bool isBaseline = false)
    {
        Patch = patch;
        File = file;
        Images = images;
        Options = options;
        Sink = sink;
        IsBaseline = isBaseline;
        _definitions = definitions ?? new Lazy<PatchDefinitions>(() => PatchDefinitions.Collect([patch]));
    }

    public Patch Patch { get; }

    /// <summary>Where reports go; the analyzer points it at a scratch sink while it compares with the baseline.</summary>
    internal FindingSink Sink { get; set; }

    public FileChange File { get; }

    /// <summary>Full pre- and post-images, when the patch was applied to a tree.</summary>
    public FileImages? Images { get; }

    public AnalysisOptions Options { get; }

    /// <summary>True when this context is the base version of the file (every line reportable).</summary>
    public bool IsBaseline { get; }

    /// <summary>True when whole files are known, so findings are compared with the base version.</summary>
    public bool IsDifferential => IsBaseline || Images?.After is not null && Images.Before is not null;

    /// <summary>The new side lexed as C: the whole post-image when known, else one view per hunk.</summary>
    public IReadOnlyList<CodeView> Code => _code ??= IsBaseline && Images?.Before is { } before ? [CodeView.WholeFile(before)] : CodeView.ForFile(File, Images);

    /// <summary>Context analysis (locks, atomic sections, paths) of each code view.</summary>
    public IReadOnlyList<(CodeView View, SourceContextAnalysis Analysis)> Contexts =>
        _contexts ??= Code.Select(v => (v, SourceContextAnalysis.Analyze(v.Text, v.Tokens, v.NewLine))).ToList();

    /// <summary>The base version of this file as a context of its own, when the base file is known.</summary>
    internal FileContext? Baseline =>
        IsBaseline || Images?.Before is null ? null : _baseline ??= new FileContext(Patch, File, Images, Options, Sink, _definitions, isBaseline: true);

    /// <summary>The base version's context analysis, when the base file is known (shared with the baseline run).</summary>
    public SourceContextAnalysis? BaseAnalysis => Baseline?.Contexts[0].Analysis;

    /// <summary>Names defined on the added lines of every file of the series (computed once per run).</summary>
    public PatchDefinitions Definitions => _definitions.Value;

    public bool IsCSource => File.Path.EndsWith(".c", StringComparison.Ordinal) || File.Path.EndsWith(".h", StringComparison.Ordinal);

    /// <summary>
    /// Whether a finding at this line of this function belongs to the patch: with whole files, anywhere in a
    /// function the patch changes (the baseline comparison removes what was there before); from hunks alone,
    /// only on added lines.
    /// </summary>
    public bool Concerns(CodeView view, FunctionContext function, int viewLine)
    {
        if (IsBaseline)
        {
            return true;
        }

        if (!IsDifferential)
        {
            return view.IsAdded(viewLine);
        }

        _changedLines ??= ChangedNewLines(File);
        var first = view.NewLine(function.Function.Line);
        var last = view.NewLine(function.Function.EndLine);
        return _changedLines.Any(l => l >= first && l <= last);
    }

    /// <summary>Reports on a new-side line of this file.</summary>
    public void Report(int line, string message, string evidence, string? hint = null, int? endLine = null) =>
        Sink.ReportCode(Patch, File.Path, line, endLine ?? line, message, evidence, hint);

    /// <summary>New-side lines the patch added, and the positions where it removed lines.</summary>
    private static HashSet<int> ChangedNewLines(FileChange file)
    {
        var lines = new HashSet<int>();
        foreach (var hunk in file.Hunks)
        {
            var next = hunk.NewStart;
            foreach (var line in hunk.Lines)
            {
                switch (line.Kind)
                {
                    case DiffLineKind.Added:
                        lines.Add(line.NewLine);
                        next = line.NewLine + 1;
                        break;
                    case DiffLineKind.Removed:
                        lines.Add(next);
                        lines.Add(Math.Max(1, next - 1));
                        break;
                    default:
                        next = line.NewLine + 1;
                        break;
                }
            }
        }

        return lines;
    }
}
