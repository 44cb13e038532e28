using KernelPrBot.Checks.Kernel;
using KernelPrBot.Checks.Patches;

namespace KernelPrBot.Cli.Commands;

/// <summary>
/// <c>check --maintainers</c>: recipients from the tree's MAINTAINERS, as get_maintainer.pl --no-git gives them, and a
/// git send-email line for what was checked (send-email takes files, directories and revision ranges alike).
/// </summary>
public static class RecipientsWriter
{
    public static void Write(PatchSeries series, MaintainersFile maintainers, string tree, IReadOnlyList<string> checkedArguments, TextWriter writer)
    {
        var files = series.Patches.SelectMany(p => p.Files).SelectMany(f => new[] { f.OldPath, f.NewPath }).OfType<string>().ToList();
        var lines = new List<string>();
        foreach (var patch in series.Patches)
        {
            if (patch.Commit is { } commit)
            {
                lines.Add("Subject: " + commit.RawSubject);
                lines.AddRange(commit.MessageLines.Select(l => l.Text));
            }
        }

        foreach (var file in series.Patches.SelectMany(p => p.Files))
        {
            lines.Add("--- a/" + (file.OldPath ?? file.Path));
            lines.AddRange(file.Hunks.SelectMany(h => h.Lines).Where(l => l.Kind != DiffLineKind.Context)
                .Select(l => (l.Kind == DiffLineKind.Added ? "+" : "-") + l.Text));
        }

        var recipients = maintainers.Route(files, lines, MaintainersFile.TreeReader(tree));
        writer.WriteLine("recipients (MAINTAINERS):");
        foreach (var person in recipients.People)
        {
            writer.WriteLine($"  {person} ({(recipients.Reviewers.Contains(person) ? "reviewer" : "maintainer")})");
        }

        foreach (var list in recipients.Lists)
        {
            writer.WriteLine($"  {list} (list)");
        }

        writer.WriteLine(recipients.SendEmailCommand(SendEmailArguments(checkedArguments)));
    }

    /// <summary>The arguments, quoted for a POSIX shell where needed; standard input has no file to send.</summary>
    private static string SendEmailArguments(IReadOnlyList<string> checkedArguments)
    {
        var files = checkedArguments.Where(f => f != "-").ToList();
        return files.Count == 0 ? "*.patch" : string.Join(' ', files.Select(Quote));
    }

    private static string Quote(string file) =>
        file.All(c => char.IsAsciiLetterOrDigit(c) || c is '/' or '.' or '_' or '-' or '+' or ',' or ':' or '@' or '%')
            ? file
            : "'" + file.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
