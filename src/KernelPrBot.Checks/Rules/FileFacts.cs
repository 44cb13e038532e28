using KernelPrBot.Checks.Analysis.Context;
using KernelPrBot.Checks.Index;
using KernelPrBot.Checks.Patches;
using KernelPrBot.Checks.Source;

namespace KernelPrBot.Checks.Rules;

/// <summary>
/// What every rule shares about one changed file, computed once on first use: the lexed code views, their context
/// analysis, the base version of the file and the lines the patch changed. Rules see it through a
/// <see cref="FileContext"/> that adds their own reporter.
/// </summary>
internal sealed class FileFacts(Patch patch, FileChange file, FileImages? images, AnalysisOptions options, Lazy<PatchDefinitions> definitions, bool isBaseline = false, bool baseNotInTree = false)
{
    private IReadOnlyList<CodeView>? _code;
    private IReadOnlyList<(CodeView View, SourceContextAnalysis Analysis)>? _contexts;
    private FileFacts? _baseline;
    private HashSet<int>? _changedLines;

    public Patch Patch { get; } = patch;

    public FileChange File { get; } = file;

    public FileImages? Images { get; } = images;

    public AnalysisOptions Options { get; } = options;

    public bool IsBaseline { get; } = isBaseline;

    /// <summary>
    /// A tree was given but the file's base version is not in it (the file is missing there, or a hunk does not
    /// apply): the tree is not this file's base, so its own definitions and neighbour headers are unseen.
    /// </summary>
    public bool BaseNotInTree { get; } = baseNotInTree;

    public bool IsCSourceFile => File.Path.EndsWith(".c", StringComparison.Ordinal) || File.Path.EndsWith(".h", StringComparison.Ordinal);

    public bool IsDifferential => IsBaseline || Images?.After is not null && Images.Before is not null;

    public IReadOnlyList<CodeView> Code => _code ??= IsBaseline && Images?.Before is { } before ? [CodeView.WholeFile(before)] : CodeView.ForFile(File, Images);

    public IReadOnlyList<(CodeView View, SourceContextAnalysis Analysis)> Contexts => _contexts ??= AnalyzeViews();

    private List<(CodeView View, SourceContextAnalysis Analysis)> AnalyzeViews()
    {
        var registrations = Code.Count > 1 ? RegistrationsAcrossViews() : null;
        return Code.Select(v => (v, SourceContextAnalysis.Analyze(v.Text, v.Tokens, v.NewLine, Summaries(v), registrations))).ToList();
    }

    /// <summary>With hunks only, what each hunk registers as an atomic callback, for the functions other hunks show.</summary>
    private Dictionary<string, string> RegistrationsAcrossViews()
    {
        var all = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var view in Code)
        {
            foreach (var (name, reason) in SourceContextAnalysis.RegisteredCallbacks(view.Text, view.Tokens, view.NewLine))
            {
                all.TryAdd(name, reason);
            }
        }

        return all;
    }

    /// <summary>With an index, the view's own functions summarised and the tree's summaries behind them.</summary>
    private FileSummaries? Summaries(CodeView view) =>
        Options.Knowledge is { } tree ? FileSummaries.Build(view, File.Path, tree, IsBaseline ? null : definitions.Value.ChangedFunctions) : null;

    /// <summary>The base version of the file, when it is known (shared by every rule's baseline run).</summary>
    public FileFacts? Baseline =>
        IsBaseline || Images?.Before is null ? null : _baseline ??= new FileFacts(Patch, File, Images, Options, definitions, isBaseline: true);

    public PatchDefinitions Definitions => definitions.Value;

    /// <inheritdoc cref="FileContext.Concerns"/>
    public bool Concerns(CodeView view, FunctionContext function, int viewLine)
    {
        ArgumentNullException.ThrowIfNull(view);
        ArgumentNullException.ThrowIfNull(function);
        if (IsBaseline)
        {
            return true;
        }

        if (!IsDifferential)
        {
            return view.IsAdded(viewLine);
        }

        var first = view.NewLine(function.Function.Line);
        var last = view.NewLine(function.Function.EndLine);
        return ChangedLines.Any(l => l >= first && l <= last);
    }

    /// <summary>New-side lines the patch added, and the positions where it removed lines.</summary>
    public HashSet<int> ChangedLines => _changedLines ??= ChangedNewLines(File);

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
