using System.Diagnostics;
using System.Text.RegularExpressions;

namespace KernelPrBot.ModelReview.Tools;

/// <summary>
/// The files the tools read: the trusted base tree on disk with the pull request's patched files over it. Paths come
/// from the model and are checked: relative, inside the tree, no <c>..</c>. Scans are bounded in files and time.
/// </summary>
internal sealed class TreeFiles(string? root, IReadOnlyDictionary<string, string[]> patched, IReadOnlyDictionary<string, string[]> before)
{
    public const int MaxScannedFiles = 25_000;
    public static readonly TimeSpan MaxScanTime = TimeSpan.FromSeconds(3);

    public bool HasTree => root is not null;

    public IReadOnlyCollection<string> PatchedPaths => patched.Keys.ToList();

    /// <summary>The file's lines: the patched version (or base, when asked), or null when there is no such file.</summary>
    public string[]? Lines(string path, bool patchedVersion)
    {
        var safe = Check(path);
        if (patchedVersion && patched.TryGetValue(safe, out var after))
        {
            return after;
        }

        if (!patchedVersion && before.TryGetValue(safe, out var old))
        {
            return old;
        }

        var full = FullPath(safe);
        return full is not null && File.Exists(full) && new FileInfo(full).Length <= 8 * 1024 * 1024 ? File.ReadAllLines(full) : null;
    }

    /// <summary>C files under a directory of the tree (patched files first), at most <see cref="MaxScannedFiles"/>, in a stable order.</summary>
    public IEnumerable<string> CFiles(string prefix)
    {
        var safe = prefix.Length == 0 ? string.Empty : Check(prefix.TrimEnd('/'));
        foreach (var p in patched.Keys.Where(p => safe.Length == 0 || p.StartsWith(safe + "/", StringComparison.Ordinal) || p == safe).Order(StringComparer.Ordinal))
        {
            yield return p;
        }

        var dir = safe.Length == 0 ? root : FullPath(safe);
        if (dir is null || !Directory.Exists(dir))
        {
            yield break;
        }

        var options = new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true, AttributesToSkip = FileAttributes.ReparsePoint };
        var count = 0;
        foreach (var file in Directory.EnumerateFiles(dir, "*", options).Where(f => f.EndsWith(".c", StringComparison.Ordinal) || f.EndsWith(".h", StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            var relative = Path.GetRelativePath(root!, file).Replace('\\', '/');
            if (patched.ContainsKey(relative))
            {
                continue;
            }

            if (++count > MaxScannedFiles)
            {
                yield break;
            }

            yield return relative;
        }
    }

    /// <summary>Lines matching a pattern under a directory, each "path:line: text"; stops at <paramref name="max"/> matches, the file cap or the time cap, and says which.</summary>
    public (List<string> Matches, string? Stopped) Grep(Regex pattern, string prefix, int max, Func<string, bool>? keep = null)
    {
        var clock = Stopwatch.StartNew();
        var matches = new List<string>();
        var scanned = 0;
        foreach (var path in CFiles(prefix))
        {
            if (clock.Elapsed > MaxScanTime)
            {
                return (matches, $"stopped after {scanned} files ({MaxScanTime.TotalSeconds:0} s); narrow the directory");
            }

            scanned++;
            var lines = Lines(path, patchedVersion: true);
            if (lines is null)
            {
                continue;
            }

            for (var i = 0; i < lines.Length; i++)
            {
                bool hit;
                try
                {
                    hit = pattern.IsMatch(lines[i]);
                }
                catch (RegexMatchTimeoutException)
                {
                    return (matches, "the pattern took too long; simplify it");
                }

                if (hit && (keep?.Invoke(lines[i]) ?? true))
                {
                    matches.Add($"{path}:{i + 1}: {Clip(lines[i].Trim(), 200)}");
                    if (matches.Count >= max)
                    {
                        return (matches, $"first {max} matches only");
                    }
                }
            }
        }

        return (matches, scanned >= MaxScannedFiles ? $"only the first {MaxScannedFiles} files were read" : null);
    }

    /// <summary>A model-given path as the tree's relative path, or a refusal.</summary>
    public static string Check(string path)
    {
        var p = path.Trim().Replace('\\', '/');
        if (p.StartsWith("a/", StringComparison.Ordinal) || p.StartsWith("b/", StringComparison.Ordinal))
        {
            p = p[2..];
        }

        if (p.Length > 1024 || !Checks.Patches.GitPath.IsSafeRelative(p, out _))
        {
            throw new ToolException($"'{Clip(path, 80)}' is not a relative path inside the kernel tree");
        }

        return p;
    }

    private string? FullPath(string relative)
    {
        if (root is null)
        {
            return null;
        }

        var full = Path.GetFullPath(Path.Combine(root, relative));
        var top = Path.GetFullPath(root).TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar;
        return full.StartsWith(top, StringComparison.Ordinal) ? full : null;
    }

    internal static string Clip(string text, int max) => text.Length <= max ? text : text[..max] + "…";
}
