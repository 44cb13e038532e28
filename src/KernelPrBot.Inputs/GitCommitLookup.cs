using System.Diagnostics;
using System.Text;
using KernelPrBot.Checks.Kernel;

namespace KernelPrBot.Inputs;

/// <summary>
/// Looks the <c>Fixes:</c> ids of a series up in the trusted tree's git history (never the pull request's head):
/// <c>git cat-file --batch-check</c> says whether each id is one commit, none or several, and <c>git log --no-walk</c>
/// gives the subjects. The answer goes to the library as data, like checkpatch's reports.
/// </summary>
public static class GitCommitLookup
{
    /// <summary>At most this many ids per run; a series naming more has the rest left unchecked (never an error).</summary>
    public const int MaxIds = 200;

    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    /// <summary>The history's answers for the ids, or null with the reason in <paramref name="problem"/>.</summary>
    public static CommitHistory? Resolve(KernelTree tree, IReadOnlyCollection<string> shas, out string? problem)
    {
        ArgumentNullException.ThrowIfNull(tree);
        ArgumentNullException.ThrowIfNull(shas);
        problem = null;
        var ids = shas.Select(s => s.ToLowerInvariant()).Where(IsHex).Distinct(StringComparer.Ordinal).Take(MaxIds).ToList();
        var lookups = new Dictionary<string, CommitLookup>(StringComparer.Ordinal);
        var source = $"the git history of {tree.Given}";
        if (ids.Count == 0)
        {
            return new CommitHistory(source, lookups);
        }

        var checkInput = string.Concat(ids.Select(id => id + "^{commit}\n"));
        if (!TryRun(tree, ["cat-file", "--batch-check"], checkInput, out var checkOutput, out problem))
        {
            return null;
        }

        var found = new Dictionary<string, string>(StringComparer.Ordinal);
        var answers = checkOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        for (var i = 0; i < ids.Count && i < answers.Length; i++)
        {
            var fields = answers[i].Split(' ');
            if (fields.Length >= 2 && fields[1] == "commit" && IsHex(fields[0]))
            {
                found[ids[i]] = fields[0];
            }
            else
            {
                lookups[ids[i]] = new CommitLookup(answers[i].EndsWith(" ambiguous", StringComparison.Ordinal) ? CommitLookupResult.Ambiguous : CommitLookupResult.Missing);
            }
        }

        if (found.Count > 0)
        {
            if (!TryRun(tree, ["log", "--no-walk=unsorted", "--format=%H%x00%s", "--stdin"], string.Concat(found.Values.Distinct().Select(v => v + "\n")), out var logOutput, out problem))
            {
                return null;
            }

            var subjects = logOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries)
                .Select(line => line.Split('\0', 2))
                .Where(parts => parts.Length == 2)
                .GroupBy(parts => parts[0], StringComparer.Ordinal)
                .ToDictionary(group => group.Key, group => group.First()[1], StringComparer.Ordinal);
            foreach (var (id, full) in found)
            {
                lookups[id] = new CommitLookup(CommitLookupResult.Found, full, subjects.GetValueOrDefault(full));
            }
        }

        return new CommitHistory(source, lookups);
    }

    private static bool IsHex(string text) => text.Length is >= 4 and <= 64 && text.All(char.IsAsciiHexDigit);

    private static bool TryRun(KernelTree tree, string[] arguments, string input, out string output, out string? problem)
    {
        output = string.Empty;
        problem = null;
        var start = new ProcessStartInfo("git") { StandardOutputEncoding = Encoding.UTF8 };

        // The tree may belong to another user (a shared cache); reading its history is all that is asked of it.
        foreach (var argument in (string[])["-C", tree.Root, "-c", "safe.directory=" + tree.Root, "-c", "core.fsmonitor=false", .. arguments])
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment.Remove("GIT_DIR");
        start.Environment.Remove("GIT_WORK_TREE");
        try
        {
            var run = ToolRun.Run(start, Encoding.UTF8.GetBytes(input), Timeout);
            if (run.TimedOut)
            {
                problem = $"Fixes: ids not looked up: git took longer than {Timeout.TotalSeconds} s in {tree.Given}";
                return false;
            }

            if (run.ExitCode != 0)
            {
                problem = $"Fixes: ids not looked up: git failed in {tree.Given}: {Checks.TextClip.Shorten(run.Why, 200)}";
                return false;
            }

            output = run.Stdout;
            return true;
        }
        catch (Exception ex) when (ex is System.ComponentModel.Win32Exception or IOException)
        {
            problem = $"Fixes: ids not looked up: git could not run: {ex.Message}";
            return false;
        }
    }
}
