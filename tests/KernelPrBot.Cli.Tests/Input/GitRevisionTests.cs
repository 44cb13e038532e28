using System.Diagnostics;
using KernelPrBot.Testing;
using Xunit;

namespace KernelPrBot.Cli.Tests.Input;

/// <summary><c>check A..B</c> and <c>check REV</c> through git format-patch, in a real repository made per test.</summary>
public sealed class GitRevisionTests : IDisposable
{
    private readonly TempDirectory _repo = new("git");

    public GitRevisionTests()
    {
        Git("init", "-q", "-b", "main");
        Git("config", "user.name", "Jane Developer");
        Git("config", "user.email", "jane@example.org");
        Git("config", "format.coverLetter", "true"); // the user's setting must not add a cover letter to the check
        Commit("drivers/misc/acme.c", "// SPDX-License-Identifier: GPL-2.0\nint acme_a;\n", "misc: acme: add the driver\n\nA first version.\n\nSigned-off-by: Jane Developer <jane@example.org>\n");
        Commit("drivers/misc/acme.c", "// SPDX-License-Identifier: GPL-2.0\nint acme_a;\nint acme_b;\n", "misc: acme: add a counter\n\nCount resets.\n\nSigned-off-by: Jane Developer <jane@example.org>\n");
        Commit("drivers/misc/acme.c", "// SPDX-License-Identifier: GPL-2.0\nint acme_a;\nint acme_b;\nint acme_c;\n", "misc: acme: add another counter\n\nCount errors.\n");
    }

    public void Dispose() => _repo.Dispose();

    [Fact]
    public void A_range_checks_its_commits_named_as_format_patch_names_them()
    {
        var run = CliRun.Of(["check", "--git", _repo.Path, "--format", "json", "HEAD~2..HEAD"]);

        Assert.Equal(1, run.Exit);
        Assert.Contains("\"0002-misc-acme-add-another-counter.patch\"", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("missing-signed-off-by", run.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("0000-cover-letter", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("\"commits\":2", run.Stdout.Replace(" ", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Fact]
    public void One_revision_checks_that_one_commit()
    {
        var run = CliRun.Of(["check", "--git", _repo.Path, "HEAD~1"]);

        Assert.Equal(0, run.Exit);
        Assert.EndsWith("in 1 commits, 1 files\n", run.Stdout, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("nosuch..HEAD")]
    [InlineData("HEAD~99..HEAD")]
    [InlineData("--output=/tmp/x..HEAD")]
    public void A_bad_or_hostile_revision_is_one_clear_error(string revision)
    {
        var run = CliRun.Of(["check", "--git", _repo.Path, "--", revision]);

        Assert.Equal(2, run.Exit);
        Assert.Contains(revision, run.Stderr, StringComparison.Ordinal);
        Assert.Single(run.Stderr.TrimEnd('\n').Split('\n'));
        Assert.False(File.Exists("/tmp/x..HEAD"));
    }

    [Fact]
    public void A_missing_git_directory_is_refused()
    {
        var run = CliRun.Of(["check", "--git", Path.Combine(_repo.Path, "nope"), "HEAD~1..HEAD"]);
        Assert.Equal(2, run.Exit);
        Assert.Contains("--git", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Format_patch_leaves_no_files_behind()
    {
        var before = Directory.GetDirectories(Path.GetTempPath(), "kernel-pr-bot-format-patch-*").Length;
        CliRun.Of(["check", "--git", _repo.Path, "HEAD~2..HEAD"]);
        Assert.Equal(before, Directory.GetDirectories(Path.GetTempPath(), "kernel-pr-bot-format-patch-*").Length);
        Assert.Equal(string.Empty, Git("status", "--porcelain").Trim());
    }

    private void Commit(string path, string content, string message)
    {
        var file = Path.Combine(_repo.Path, path);
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        File.WriteAllText(file, content);
        Git("add", path);
        Git("commit", "-q", "-m", message);
    }

    private string Git(params string[] args)
    {
        var start = new ProcessStartInfo("git") { WorkingDirectory = _repo.Path, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }

        using var git = Process.Start(start)!;
        var output = git.StandardOutput.ReadToEnd();
        git.WaitForExit();
        Assert.True(git.ExitCode == 0, $"git {string.Join(' ', args)}: {git.StandardError.ReadToEnd()}");
        return output;
    }
}
