using System.Diagnostics;
using KernelPrBot.Inputs;

namespace KernelPrBot.Cli.Input;

/// <summary>
/// Reads a revision range (<c>A..B</c>, <c>A...B</c>) or one commit of a git repository as the mails
/// <c>git format-patch</c> writes, named as it names them (0001-subject.patch). Only git runs, with the revision as one
/// argument after <c>--end-of-options</c>; the user's format.* settings that change the mails are overridden.
/// </summary>
public static class GitRevisions
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(5);

    /// <summary>Whether an argument that is not a file could be a revision: git would not read it as an option or a path.</summary>
    public static bool LooksLikeRevision(string argument) =>
        argument.Length is > 0 and <= 1000 && argument[0] != '-' && !argument.Any(c => char.IsControl(c) || c == ' ');

    /// <summary>The mails of the revision, in order, as (name, bytes). Throws <see cref="UsageException"/> when git cannot read it.</summary>
    public static List<(string Name, byte[] Bytes)> FormatPatch(string revision, string repository)
    {
        if (!LooksLikeRevision(revision))
        {
            throw new UsageException($"{revision}: no such file, and not a git revision");
        }

        var output = Directory.CreateTempSubdirectory("kernel-pr-bot-format-patch-");
        try
        {
            string[] range = revision.Contains("..", StringComparison.Ordinal) ? [revision] : ["-1", revision];
            var (status, stdout, stderr) = Git(repository,
            [
                "-c", "format.coverLetter=false", "-c", "format.signOff=false", "-c", "format.useAutoBase=false", "-c", "format.notes=false",
                "format-patch", "--no-cover-letter", "--no-signature", "-o", output.FullName, .. range.SkipLast(1), "--end-of-options", range[^1], "--",
            ]);
            if (status != 0)
            {
                var why = stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault() ?? $"git exited with {status}";
                throw new UsageException($"{revision}: no such file, and git in {repository} could not read it as a revision ({why})");
            }

            var files = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            if (files.Length == 0)
            {
                throw new UsageException($"{revision}: the revision range in {repository} holds no commits with changes");
            }

            return files.Select(f => (Path.GetFileName(f), File.ReadAllBytes(f))).ToList();
        }
        finally
        {
            output.Delete(recursive: true);
        }
    }

    private static (int Status, string Stdout, string Stderr) Git(string repository, IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo("git") { WorkingDirectory = repository };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        try
        {
            var run = ToolRun.Run(start, null, Timeout);
            return run.TimedOut
                ? throw new UsageException($"git format-patch took longer than {Timeout.TotalMinutes} minutes in {repository}")
                : (run.ExitCode, run.Stdout, run.Stderr);
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new UsageException($"git could not be run: {ex.Message}");
        }
    }
}
