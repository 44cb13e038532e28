using KernelPrBot.Checks.Analysis.Context;
using KernelPrBot.Checks.Index;
using KernelPrBot.Checks.Patches;
using KernelPrBot.Checks.Source;

namespace KernelPrBot.Checks.Rules;

/// <summary>
/// What one rule sees of one changed file: the diff, the post-image when known, lexed code views and their context
/// analysis (shared by all rules, computed once), and the rule's own reporter. A baseline context shows the file
/// before the patch, with every line counted, so that findings the base already had are not blamed on the patch.
/// </summary>
public sealed class FileContext
{
    private readonly FileFacts _facts;
    private readonly RuleReporter _reporter;

    internal FileContext(FileFacts facts, RuleReporter reporter)
    {
        _facts = facts;
        _reporter = reporter;
    }

    public Patch Patch => _facts.Patch;

    public FileChange File => _facts.File;

    /// <summary>Full pre- and post-images, when the patch was applied to a tree.</summary>
    public FileImages? Images => _facts.Images;

    public AnalysisOptions Options => _facts.Options;

    /// <summary>True when this context is the base version of the file (every line reportable).</summary>
    public bool IsBaseline => _facts.IsBaseline;

    /// <inheritdoc cref="FileFacts.BaseNotInTree"/>
    public bool BaseNotInTree => _facts.BaseNotInTree;

    /// <summary>True when whole files are known, so findings are compared with the base version.</summary>
    public bool IsDifferential => _facts.IsDifferential;

    /// <summary>The new side lexed as C: the whole post-image when known, else one view per hunk.</summary>
    public IReadOnlyList<CodeView> Code => _facts.Code;

    /// <summary>Context analysis (locks, atomic sections, paths) of each code view.</summary>
    public IReadOnlyList<(CodeView View, SourceContextAnalysis Analysis)> Contexts => _facts.Contexts;

    /// <summary>The base version's context analysis, when the base file is known (shared with the baseline run).</summary>
    public SourceContextAnalysis? BaseAnalysis => _facts.Baseline?.Contexts[0].Analysis;

    /// <summary>Names defined on the added lines of every file of the series (computed once per run).</summary>
    public PatchDefinitions Definitions => _facts.Definitions;

    public bool IsCSource => File.Path.EndsWith(".c", StringComparison.Ordinal) || File.Path.EndsWith(".h", StringComparison.Ordinal);

    /// <summary>
    /// C that the kernel build compiles into the kernel or a module, which the symbol index speaks for. Not tools/
    /// (perf, bpftool, selftests), scripts/ (host programs such as modpost) or usr/ (gen_init_cpio): they build against
    /// libc, so an unknown name or header there says nothing about the kernel's interfaces.
    /// </summary>
    public bool IsKernelCSource => IsKernelCPath(File.Path);

    /// <inheritdoc cref="IsKernelCSource"/>
    public static bool IsKernelCPath(string path) =>
        (path.EndsWith(".c", StringComparison.Ordinal) || path.EndsWith(".h", StringComparison.Ordinal)) &&
        !UserspacePrefixes.Any(p => path.StartsWith(p, StringComparison.Ordinal)) && !IsUmlUserFile(path);

    /// <summary>User-mode Linux's host side: arch/um/os-Linux/ and the *_user.c files, built against libc (USER_CFLAGS).</summary>
    private static bool IsUmlUserFile(string path) =>
        path.StartsWith("arch/um/os-Linux/", StringComparison.Ordinal) ||
        (path.EndsWith("_user.c", StringComparison.Ordinal) && (path.StartsWith("arch/um/", StringComparison.Ordinal) || path.StartsWith("arch/x86/um/", StringComparison.Ordinal) || path.StartsWith("fs/hostfs/", StringComparison.Ordinal)));

    private static readonly string[] UserspacePrefixes = ["tools/", "scripts/", "usr/"];

    /// <summary>
    /// Whether a finding at this line of this function belongs to the patch: with whole files, anywhere in a
    /// function the patch changes (the baseline comparison removes what was there before); from hunks alone,
    /// only on added lines.
    /// </summary>
    public bool Concerns(CodeView view, FunctionContext function, int viewLine) => _facts.Concerns(view, function, viewLine);

    /// <summary>Reports on a new-side line of this file.</summary>
    public void Report(int line, string message, string evidence, string? hint = null, int? endLine = null) =>
        _reporter.ReportCode(Patch, File.Path, line, endLine ?? line, message, evidence, hint);
}
