using KernelPrBot.Checks.Index;
using KernelPrBot.Checks.Kernel;
using KernelPrBot.Checks.Patches;

namespace KernelPrBot.Checks.Rules;

/// <summary>Per-run inputs besides the patch: who submits it, the licence table in force, the tree's symbol index.</summary>
public sealed record AnalysisOptions
{
    public static AnalysisOptions Default { get; } = new();

    /// <summary>The person sending the series; when known, the last Signed-off-by must be theirs.</summary>
    public Person? Submitter { get; init; }

    public SpdxLicenseTable Licenses { get; init; } = SpdxLicenseTable.Builtin;

    private TreeKnowledge? _knowledge;

    /// <summary>The symbol index of the base tree; without it the rules that need it are skipped (and the result says so).</summary>
    public SymbolIndex? Symbols { get; init; }

    /// <summary>The index's whole-tree function summaries (may sleep, atomic entry, atomic slots); null without an index.</summary>
    public TreeKnowledge? Knowledge =>
        Symbols is null ? null : _knowledge is { } known && ReferenceEquals(known.Index, Symbols) ? known : _knowledge = new TreeKnowledge(Symbols);

    /// <summary>The Fixes: ids of the series looked up in the base tree's git history; null when the tree is not a git checkout.</summary>
    public CommitHistory? History { get; init; }

    /// <summary>A model reviewer's claims about the series, to be verified by the analysis (null: no model stage).</summary>
    public Claims.ModelAnswers? Claims { get; init; }

    /// <summary>The base tree's checkpatch.pl reports, from a run by the host; without them the checkpatch rule is skipped.</summary>
    public CheckpatchReports? Checkpatch { get; init; }
}
