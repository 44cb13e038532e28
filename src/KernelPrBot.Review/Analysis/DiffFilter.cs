using KernelPrBot.Checks.Patches;

namespace KernelPrBot.Review.Analysis;

/// <summary>Which findings may become inline comments: the forges accept comments only on lines the diff shows.</summary>
public enum CommentScope
{
    /// <summary>Only lines the pull request adds (the default: the author wrote them).</summary>
    Added,

    /// <summary>Added lines and the unchanged context lines around them.</summary>
    DiffContext,

    /// <summary>Anywhere in a changed file; lines outside the diff become file-level comments.</summary>
    File,
}

/// <summary>The new-side lines of each file in the pull request's diff. Pure: built from the parsed hunks.</summary>
public sealed class DiffFilter
{
    private readonly Dictionary<string, (HashSet<int> Added, Dictionary<int, int> Context)> _files = new(StringComparer.Ordinal);

    public DiffFilter(IEnumerable<FileChange> files)
    {
        foreach (var file in files)
        {
            if (file.NewPath is null)
            {
                continue;
            }

            var added = new HashSet<int>();
            var context = new Dictionary<int, int>();
            foreach (var line in file.Hunks.SelectMany(h => h.Lines))
            {
                if (line.Kind == DiffLineKind.Added)
                {
                    added.Add(line.NewLine);
                }
                else if (line.Kind == DiffLineKind.Context)
                {
                    context[line.NewLine] = line.OldLine;
                }
            }

            _files[file.NewPath] = (added, context);
        }
    }

    public bool ContainsFile(string path) => _files.ContainsKey(path);

    public bool IsAdded(string path, int line) => _files.TryGetValue(path, out var f) && f.Added.Contains(line);

    public bool IsInDiff(string path, int line) => _files.TryGetValue(path, out var f) && (f.Added.Contains(line) || f.Context.ContainsKey(line));

    /// <summary>The old-side number of an unchanged context line, or null when the line is not context.</summary>
    public int? ContextOldLine(string path, int line) =>
        _files.TryGetValue(path, out var f) && f.Context.TryGetValue(line, out var old) ? old : null;

    /// <summary>Where an inline comment for a finding at path:line goes under <paramref name="scope"/>: a line, the file (0), or nowhere (null).</summary>
    public int? Placement(string path, int line, CommentScope scope) => scope switch
    {
        CommentScope.Added => IsAdded(path, line) ? line : null,
        CommentScope.DiffContext => IsInDiff(path, line) ? line : null,
        _ => !ContainsFile(path) ? null : IsInDiff(path, line) ? line : 0,
    };
}
