using System.Text;
using KernelPrBot.Checks.Patches;
using KernelPrBot.Review.Model;

namespace KernelPrBot.Review.Analysis;

/// <summary>
/// Turns a pull request into the check library's input: one patch per commit (for the message rules) and
/// one plain diff of the whole pull request (for the code rules), which is what the forge shows reviewers.
/// </summary>
public static class ChangeSeries
{
    public const string DiffSource = "pull request diff";

    /// <param name="DiffText">The pull request's diff as the parser read it (what checkpatch.pl is given), or null when empty.</param>
    public sealed record Result(PatchSeries Series, int DiffPatchIndex, IReadOnlyList<string> Skipped, byte[]? DiffText = null);

    public static Result Build(Change change)
    {
        var patches = new List<Patch>();
        foreach (var commit in change.Commits)
        {
            patches.Add(new Patch("commit " + ShortSha(commit.Sha), 1, ToCommitInfo(commit), []));
        }

        var skipped = new List<string>();
        var diff = BuildDiffText(change.Files, skipped);
        var diffIndex = -1;
        var diagnostics = new List<PatchDiagnostic>();
        byte[]? diffText = null;
        if (diff.Length > 0)
        {
            diffText = Encoding.UTF8.GetBytes(diff);
            var parsed = PatchParser.Parse(diff, DiffSource);
            diagnostics.AddRange(parsed.Diagnostics);
            var files = parsed.Patches.SelectMany(p => p.Files).ToList();
            if (files.Count > 0)
            {
                diffIndex = patches.Count;
                patches.Add(new Patch(DiffSource, 1, null, files));
            }
        }

        return new Result(new PatchSeries(patches, diagnostics), diffIndex, skipped, diffIndex >= 0 ? diffText : null);
    }

    public static string ShortSha(string sha) => sha.Length > 12 ? sha[..12] : sha;

    private static CommitInfo ToCommitInfo(ChangeCommit commit)
    {
        var lines = commit.Message.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        var subject = lines.Length > 0 ? lines[0] : string.Empty;
        var message = lines.Skip(1).Select((text, i) => new MessageLine(text, i + 2)).ToList();
        var author = string.IsNullOrEmpty(commit.AuthorEmail) ? commit.AuthorName : $"{commit.AuthorName} <{commit.AuthorEmail}>";
        return CommitMessageParser.Build(commit.Sha, author, commit.Date, subject, 1, message);
    }

    private static string BuildDiffText(IReadOnlyList<ChangedFile> files, List<string> skipped)
    {
        var text = new StringBuilder();
        foreach (var file in files)
        {
            if (!file.IsReviewable)
            {
                skipped.Add($"{file.Path}: the forge gave no diff (binary or too large)");
                continue;
            }

            if (!IsPlainPath(file.Path) || (file.PreviousPath is not null && !IsPlainPath(file.PreviousPath)))
            {
                skipped.Add($"{Printable(file.Path)}: path with control characters or quotes, not analysed");
                continue;
            }

            var oldPath = file.PreviousPath ?? file.Path;
            text.Append("diff --git ").Append(Quote("a/" + oldPath)).Append(' ').Append(Quote("b/" + file.Path)).Append('\n');
            switch (file.Status)
            {
                case ChangedFileStatus.Added:
                    text.Append("new file mode 100644\n");
                    break;
                case ChangedFileStatus.Removed:
                    text.Append("deleted file mode 100644\n");
                    break;
                case ChangedFileStatus.Renamed when file.PreviousPath is not null:
                    text.Append("rename from ").Append(Quote(oldPath)).Append("\nrename to ").Append(Quote(file.Path)).Append('\n');
                    break;
                default:
                    break;
            }

            if (file.Patch!.Length == 0)
            {
                continue;
            }

            text.Append("--- ").Append(file.Status == ChangedFileStatus.Added ? GitPath.DevNull : Quote("a/" + oldPath)).Append('\n');
            text.Append("+++ ").Append(file.Status == ChangedFileStatus.Removed ? GitPath.DevNull : Quote("b/" + file.Path)).Append('\n');
            text.Append(file.Patch.Replace("\r\n", "\n", StringComparison.Ordinal));
            if (!file.Patch.EndsWith('\n'))
            {
                text.Append('\n');
            }
        }

        return text.ToString();
    }

    private static bool IsPlainPath(string path) =>
        path.Length > 0 && !path.Any(c => char.IsControl(c) || c is '"' or '\\');

    /// <summary>git quotes a name with spaces only in some places; quoting it everywhere keeps the header unambiguous.</summary>
    private static string Quote(string path) => path.Contains(' ', StringComparison.Ordinal) ? "\"" + path + "\"" : path;

    private static string Printable(string path) =>
        new(path.Select(c => char.IsControl(c) ? '?' : c).Take(200).ToArray());
}
