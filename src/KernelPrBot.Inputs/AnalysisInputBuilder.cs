using KernelPrBot.Checks.Analysis;
using KernelPrBot.Checks.Index;
using KernelPrBot.Checks.Kernel;
using KernelPrBot.Checks.Patches;
using KernelPrBot.Checks.Rules;

namespace KernelPrBot.Inputs;

/// <summary>
/// The one way the command line, the server and the Functions worker assemble what the check library needs from the
/// trusted kernel tree: its checkpatch.pl, LICENSES/, symbol index and MAINTAINERS. The tree-wide part is loaded once
/// per host (<see cref="Load"/>); <see cref="Build"/> runs the tree's checkpatch.pl on one run's patch texts, adds
/// the submitter and lists what could not be checked, so that no host silently runs fewer checks than another and
/// the library itself never starts a process.
/// </summary>
public sealed class AnalysisInputBuilder
{
    private readonly string? _checkpatchUnavailable;
    private readonly InputSettingNames _names;

    private AnalysisInputBuilder(KernelTree? tree, SymbolIndex? symbols, InputSettingNames names)
    {
        Tree = tree;
        Symbols = symbols;
        _names = names;
        Licenses = tree?.Licenses();
        Maintainers = tree?.Maintainers();
        _checkpatchUnavailable = tree is null ? $"no trusted kernel tree ({names.Tree})" : CheckpatchProcess.Unavailable(tree);
    }

    /// <summary>A builder with no tree and no index: the checks that need them are skipped, and the notes say what to set.</summary>
    public static AnalysisInputBuilder Empty(InputSettingNames names) => new(null, null, names);

    public KernelTree? Tree { get; }

    public SymbolIndex? Symbols { get; }

    /// <summary>The tree's LICENSES/ table, or null (the built-in table is used).</summary>
    public SpdxLicenseTable? Licenses { get; }

    public MaintainersFile? Maintainers { get; }

    /// <param name="tree">The trusted tree's directory, or null; a directory that is not a kernel tree is refused.</param>
    /// <param name="indexPath">A prebuilt index file; it wins over indexing the tree.</param>
    /// <param name="indexTree">Indexes the tree when no index file is given (for example through <see cref="IndexCache"/>); null to leave the tree unindexed.</param>
    public static AnalysisInputBuilder Load(string? tree, string? indexPath, Func<KernelTree, SymbolIndex>? indexTree, InputSettingNames names)
    {
        var kernelTree = string.IsNullOrEmpty(tree) ? null : KernelTree.Open(tree);
        SymbolIndex? symbols = null;
        if (!string.IsNullOrEmpty(indexPath))
        {
            symbols = SymbolIndex.Load(indexPath);
        }
        else if (kernelTree is not null && indexTree is not null)
        {
            symbols = indexTree(kernelTree);
        }

        return new AnalysisInputBuilder(kernelTree, symbols, names);
    }

    /// <param name="patchTexts">The bytes each patch was read from, by <see cref="Patch.Source"/>: what checkpatch.pl reads.</param>
    /// <param name="submitter">The person sending the series, when the host knows one.</param>
    /// <param name="checkpatchProgress">Called with (inputs done, inputs in all) while checkpatch.pl runs.</param>
    public AnalysisInput Build(IReadOnlyDictionary<string, byte[]> patchTexts, Person? submitter, Action<int, int>? checkpatchProgress = null)
    {
        ArgumentNullException.ThrowIfNull(patchTexts);
        var notChecked = new List<string>();
        CheckpatchRun? checkpatch = null;
        if (_checkpatchUnavailable is null && Tree is not null)
        {
            checkpatch = new CheckpatchProcess(Tree).RunAll(patchTexts, checkpatchProgress);
        }
        else
        {
            notChecked.Add($"checkpatch.pl not run: {_checkpatchUnavailable}");
        }

        if (Licenses is null)
        {
            notChecked.Add(Tree is null
                ? $"SPDX identifiers checked against the built-in licence list, not a tree's LICENSES/ ({_names.Tree})"
                : $"SPDX identifiers checked against the built-in licence list: {Tree.Given} has no LICENSES/");
        }

        var problems = new List<string>(checkpatch?.Problems ?? []);
        var history = LookUpFixes(patchTexts, notChecked, problems);
        var options = AnalysisOptions.Default with
        {
            History = history,
            Submitter = submitter,
            Licenses = Licenses ?? SpdxLicenseTable.Builtin,
            Symbols = Symbols,
            Checkpatch = checkpatch?.Reports,
        };
        return new AnalysisInput(options, notChecked, problems);
    }

    /// <summary>The series' Fixes: ids resolved in the tree's history; null (and a note) when there is none to ask.</summary>
    private CommitHistory? LookUpFixes(IReadOnlyDictionary<string, byte[]> patchTexts, List<string> notChecked, List<string> problems)
    {
        var shas = patchTexts.Values.SelectMany(bytes => FixesTags.Shas(System.Text.Encoding.UTF8.GetString(bytes))).Distinct(StringComparer.Ordinal).ToList();
        if (shas.Count == 0)
        {
            return null;
        }

        if (Tree is not { IsGitCheckout: true })
        {
            notChecked.Add(Tree is null
                ? $"Fixes: ids not looked up: no trusted kernel tree ({_names.Tree})"
                : $"Fixes: ids not looked up: {Tree.Given} is not a git checkout");
            return null;
        }

        var history = GitCommitLookup.Resolve(Tree, shas, out var problem);
        if (problem is not null)
        {
            problems.Add(problem);
        }

        return history;
    }
}
