using KernelPrBot.Checks.Patches;
using KernelPrBot.Checks.Source;

namespace KernelPrBot.Checks.Index;

/// <summary>
/// Names a patch defines itself — functions, prototypes, macros, types, enum constants on its added lines —
/// with their arities, and the files it adds. A name the patch defines always counts as known.
/// </summary>
public sealed partial class PatchDefinitions
{
    private readonly Dictionary<string, (SymbolKinds Kinds, List<Arity> Arities)> _names = new(StringComparer.Ordinal);
    private readonly HashSet<string> _files = new(StringComparer.Ordinal);
    private readonly HashSet<string> _changedFunctions = new(StringComparer.Ordinal);

    public static PatchDefinitions Empty { get; } = new();

    /// <summary>Paths the series creates (added, renamed or copied files).</summary>
    public IReadOnlySet<string> AddedFiles => _files;

    /// <summary>
    /// Functions whose text the series changes, by name: the function git names in a hunk's header, and every
    /// definition a hunk shows. What the tree's index says of them may no longer hold.
    /// </summary>
    public IReadOnlySet<string> ChangedFunctions => _changedFunctions;

    public static PatchDefinitions Collect(IEnumerable<Patch> patches)
    {
        var result = new PatchDefinitions();
        foreach (var file in patches.SelectMany(p => p.Files))
        {
            if (file.NewPath is { } path && file.Kind is FileChangeKind.Added or FileChangeKind.Renamed or FileChangeKind.Copied)
            {
                result._files.Add(path);
            }

            if (file.NewPath is null || !(file.NewPath.EndsWith(".c", StringComparison.Ordinal) || file.NewPath.EndsWith(".h", StringComparison.Ordinal)))
            {
                continue;
            }

            foreach (var hunk in file.Hunks)
            {
                var view = CodeView.FromHunk(hunk);
                result.AddView(view, addedOnly: true);
                if (EnclosingFunction().Match(hunk.Section) is { Success: true } enclosing)
                {
                    result._changedFunctions.Add(enclosing.Groups[1].Value);
                }

                foreach (var definition in FunctionFinder.Find(view.Text, view.CodeTokens, view.Brackets))
                {
                    result._changedFunctions.Add(definition.Name);
                }
            }
        }

        return result;
    }

    /// <summary>Everything defined in one stretch of code (a post-image or a hunk's new side).</summary>
    public static PatchDefinitions ForView(CodeView view)
    {
        var result = new PatchDefinitions();
        result.AddView(view, addedOnly: false);
        return result;
    }

    public bool Defines(string name) => _names.ContainsKey(name);

    public SymbolKinds KindsOf(string name) => _names.TryGetValue(name, out var e) ? e.Kinds : SymbolKinds.None;

    public IReadOnlyList<Arity> AritiesOf(string name) => _names.TryGetValue(name, out var e) ? e.Arities : [];

    private void AddView(CodeView view, bool addedOnly) => SymbolScanner.Scan(view.Text, view.CodeTokens, new Sink(this, view, addedOnly));

    private sealed class Sink(PatchDefinitions owner, CodeView view, bool addedOnly) : ISymbolSink
    {
        public void Add(ReadOnlySpan<char> name, SymbolKinds kinds, Arity? arity, int line)
        {
            if (addedOnly && !view.IsAdded(line))
            {
                return;
            }

            var key = name.ToString();
            if (!owner._names.TryGetValue(key, out var entry))
            {
                entry = (SymbolKinds.None, []);
            }

            if (arity is { } a && !entry.Arities.Contains(a))
            {
                entry.Arities.Add(a);
            }

            owner._names[key] = (entry.Kinds | kinds, entry.Arities);
        }
    }

    /// <summary>The function git names in a hunk header's section: "static int acme_open(struct net_device *dev)".</summary>
    [System.Text.RegularExpressions.GeneratedRegex(@"(\w+)\s*\(", System.Text.RegularExpressions.RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial System.Text.RegularExpressions.Regex EnclosingFunction();
}
