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
internal sealed class FileFacts(Patch patch, FileChange file, FileImages? images, AnalysisOptions options, Lazy<PatchDefinitions> definitions, bool isBaseline = false)
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

    public bool IsDifferential => IsBaseline || Images?.After is not null && Images.Before is not null;

    public IReadOnlyList<CodeView> Code => _code ??= IsBaseline && Images?.Before is { } before ? [CodeView.WholeFile(before)] : CodeView.ForFile(File, Images);

    public IReadOnlyList<(CodeView View, SourceContextAnalysis Analysis)> Contexts =>
        _contexts ??= Code.Select(v => (v, SourceContextAnalysis.Analyze(v.Text, v.Tokens, v.NewLine, Summaries(v)))).ToList();

    /// <summary>With an index, the view's own functions summarised and the tree's summaries behind them.</summary>
    private FileSummaries? Summaries(CodeView view) =>
        Options.Knowledge is { } tree ? FileSummaries.Build(view, File.Path, tree) : null;

    /// <summary>The base version of the file, when it is known (shared by every rule's baseline run).</summary>
    public FileFacts? Baseline =>
        IsBaseline || Images?.Before is null ? null : _baseline ??= new FileFacts(Patch, File, Images, Options, definitions, isBaseline: true);

    public PatchDefinitions Definitions => definitions.Value;

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
