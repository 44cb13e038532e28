using KernelPrBot.Checks.Patches;
using KernelPrBot.Checks.Source;

namespace KernelPrBot.Checks.Analysis;

/// <summary>
/// Applies a series to the files of a tree in memory (the tree is only read) to get each file's full pre- and
/// post-image per patch. Hunks are placed at their stated line or, like patch(1), at the nearest offset where
/// their old lines match. Paths were checked by the parser; they are checked again before touching the disk.
/// </summary>
public static class TreeApplier
{
    private const long MaxFileBytes = 16 * 1024 * 1024;

    public static Dictionary<(int Patch, string Path), FileImages> Apply(PatchSeries series, string treeRoot, ICollection<PatchDiagnostic> diagnostics)
    {
        var root = Path.TrimEndingDirectorySeparator(Path.GetFullPath(treeRoot));
        var current = new Dictionary<string, string[]?>(StringComparer.Ordinal);
        var images = new Dictionary<(int, string), FileImages>();
        for (var p = 0; p < series.Patches.Count; p++)
        {
            var patch = series.Patches[p];
            foreach (var file in patch.Files)
            {
                if (file.IsBinary)
                {
                    continue;
                }

                var before = file.OldPath is null ? null : Read(root, file.OldPath, current, patch.Source, file.PatchLine, diagnostics);
                if (file.OldPath is not null && before is null)
                {
                    continue;
                }

                var after = file.NewPath is null ? null : ApplyHunks(before ?? [], file, patch.Source, diagnostics);
                if (file.NewPath is not null && after is null)
                {
                    continue;
                }

                if (file.Kind == FileChangeKind.Renamed && file.OldPath is not null)
                {
                    current[file.OldPath] = null;
                }

                if (file.NewPath is not null)
                {
                    current[file.NewPath] = after;
                }
                else if (file.OldPath is not null)
                {
                    current[file.OldPath] = null;
                }

                images[(p, file.Path)] = new FileImages(before, after);
            }
        }

        return images;
    }

    private static string[]? Read(string root, string path, Dictionary<string, string[]?> current, string source, int line, ICollection<PatchDiagnostic> diagnostics)
    {
        if (current.TryGetValue(path, out var known))
        {
            return known;
        }

        if (!GitPath.IsSafeRelative(path, out var reason))
        {
            diagnostics.Add(new PatchDiagnostic(source, line, DiagnosticSeverity.Error, $"path '{path}' is not allowed ({reason})"));
            return null;
        }

        var full = Path.GetFullPath(Path.Combine(root, path));
        if (!full.StartsWith(root + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            diagnostics.Add(new PatchDiagnostic(source, line, DiagnosticSeverity.Error, $"path '{path}' leaves the tree"));
            return null;
        }

        if (LinkOnTheWay(root, path) is { } link)
        {
            diagnostics.Add(new PatchDiagnostic(source, line, DiagnosticSeverity.Warning, $"{link} in the tree is a link; {path} is analysed from the diff only"));
            return null;
        }

        var info = new FileInfo(full);
        if (!info.Exists)
        {
            diagnostics.Add(new PatchDiagnostic(source, line, DiagnosticSeverity.Warning, $"{path} does not exist in the tree; analysed from the diff only"));
            return null;
        }

        if (info.LinkTarget is not null || info.Length > MaxFileBytes)
        {
            diagnostics.Add(new PatchDiagnostic(source, line, DiagnosticSeverity.Warning, $"{path} is a link or larger than {MaxFileBytes >> 20} MiB; analysed from the diff only"));
            return null;
        }

        var lines = PatchText.SplitLines(File.ReadAllText(full));
        current[path] = lines;
        return lines;
    }

    /// <summary>A directory on the way to the file that is a symbolic link (it could lead out of the tree), or null.</summary>
    private static string? LinkOnTheWay(string root, string path)
    {
        var segments = path.Split('/');
        var current = root;
        for (var i = 0; i < segments.Length - 1; i++)
        {
            current = Path.Combine(current, segments[i]);
            var dir = new DirectoryInfo(current);
            if (dir.Exists && dir.LinkTarget is not null)
            {
                return string.Join('/', segments.Take(i + 1));
            }
        }

        return null;
    }

    /// <summary>Applies the hunks; returns null (with a diagnostic) when one does not fit the file.</summary>
    public static string[]? ApplyHunks(string[] before, FileChange file, string source, ICollection<PatchDiagnostic> diagnostics)
    {
        var result = new List<string>(before.Length + 64);
        var next = 0;
        var offset = 0;
        foreach (var hunk in file.Hunks)
        {
            var old = hunk.Lines.Where(l => l.Kind != DiffLineKind.Added).Select(l => l.Text).ToList();
            var wanted = Math.Max(0, (hunk.OldCount == 0 ? hunk.OldStart : hunk.OldStart - 1) + offset);
            var at = FindPlace(before, old, wanted, next);
            if (at < 0)
            {
                diagnostics.Add(new PatchDiagnostic(source, hunk.PatchLine, DiagnosticSeverity.Warning,
                    $"hunk at line {hunk.PatchLine} does not apply to {file.Path} in the tree; that file is analysed from the diff only"));
                return null;
            }

            offset = at - (hunk.OldCount == 0 ? hunk.OldStart : hunk.OldStart - 1);
            result.AddRange(before.Skip(next).Take(at - next));
            result.AddRange(hunk.Lines.Where(l => l.Kind != DiffLineKind.Removed).Select(l => l.Text));
            next = at + old.Count;
        }

        result.AddRange(before.Skip(next));
        return [.. result];
    }

    private static int FindPlace(string[] lines, List<string> old, int wanted, int notBefore)
    {
        for (var distance = 0; distance <= lines.Length; distance++)
        {
            foreach (var candidate in distance == 0 ? [wanted] : new[] { wanted - distance, wanted + distance })
            {
                if (candidate >= notBefore && candidate + old.Count <= lines.Length && Matches(lines, old, candidate))
                {
                    return candidate;
                }
            }

            if (wanted - distance < notBefore && wanted + distance + old.Count > lines.Length)
            {
                break;
            }
        }

        return -1;
    }

    private static bool Matches(string[] lines, List<string> old, int at)
    {
        for (var k = 0; k < old.Count; k++)
        {
            if (!string.Equals(lines[at + k], old[k], StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }
}
