using KernelPrBot.Checks.Analysis;
using KernelPrBot.Checks.Index;
using KernelPrBot.Checks.Patches;

namespace KernelPrBot.Checks.Rules;

/// <summary>What a rule sees of one changed file: the diff, the post-image when known, and lexed code views.</summary>
public sealed class FileContext(Patch patch, FileChange file, FileImages? images, AnalysisOptions options, FindingSink sink, Lazy<PatchDefinitions>? definitions = null)
{
    private IReadOnlyList<CodeView>? _code;
    private readonly Lazy<PatchDefinitions> _definitions = definitions ?? new Lazy<PatchDefinitions>(() => PatchDefinitions.Collect([patch]));

    public Patch Patch { get; } = patch;

    public FileChange File { get; } = file;

    /// <summary>Full pre- and post-images, when the patch was applied to a tree.</summary>
    public FileImages? Images { get; } = images;

    public AnalysisOptions Options { get; } = options;

    /// <summary>The new side lexed as C: the whole post-image when known, else one view per hunk.</summary>
    public IReadOnlyList<CodeView> Code => _code ??= CodeView.ForFile(File, Images);

    /// <summary>Names defined on the added lines of every file of the series (computed once per run).</summary>
    public PatchDefinitions Definitions => _definitions.Value;

    public bool IsCSource => File.Path.EndsWith(".c", StringComparison.Ordinal) || File.Path.EndsWith(".h", StringComparison.Ordinal);

    /// <summary>Reports on a new-side line of this file.</summary>
    public void Report(int line, string message, string evidence, string? hint = null, int? endLine = null) =>
        sink.ReportCode(Patch, File.Path, line, endLine ?? line, message, evidence, hint);
}
