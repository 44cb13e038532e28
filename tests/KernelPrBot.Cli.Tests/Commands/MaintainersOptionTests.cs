using KernelPrBot.Testing;
using Xunit;

namespace KernelPrBot.Cli.Tests.Commands;

public sealed class MaintainersOptionTests : IDisposable
{
    private readonly TempDirectory _dir = new("cli-maint");

    public void Dispose() => _dir.Dispose();

    private string Write(string path, string content)
    {
        var full = Path.Combine(_dir.Path, path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.WriteAllText(full, content);
        return full;
    }

    [Fact]
    public void Prints_recipients_and_a_send_email_line()
    {
        Write("tree/MAINTAINERS", "ACME DRIVER\nM:\tJane Maintainer <jane@example.org>\nR:\tRob Reviewer <rob@example.org>\nL:\tnetdev@vger.kernel.org\nS:\tMaintained\nF:\tdrivers/net/acme/\n\nTHE REST\nM:\tLinus Torvalds <torvalds@linux-foundation.org>\nL:\tlinux-kernel@vger.kernel.org\nS:\tBuried alive in reporters\nF:\t*\nF:\t*/\n");
        Write("tree/drivers/net/acme/main.c", "int a;\n");
        var patch = Write("a.patch", new PatchBuilder().SignedOffByAuthor().ModifyFile("drivers/net/acme/main.c", "int a;\n", "int a;\nint b;\n").Build());
        var run = CliRun.Of(["check", "--tree", KernelTreeSkeleton.AddTo(Path.Combine(_dir.Path, "tree")), "--maintainers", "--fail-on", "never", patch]);
        Assert.Equal(0, run.Exit);
        Assert.Contains("  Jane Maintainer <jane@example.org> (maintainer)\n  Rob Reviewer <rob@example.org> (reviewer)\n  netdev@vger.kernel.org (list)\n  linux-kernel@vger.kernel.org (list)\n", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("git send-email --to='Jane Maintainer <jane@example.org>' --cc='Rob Reviewer <rob@example.org>' --cc='netdev@vger.kernel.org' --cc='linux-kernel@vger.kernel.org' " + patch + "\n", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void The_send_email_line_names_what_was_checked_quoted_for_the_shell()
    {
        Write("tree/MAINTAINERS", "ACME DRIVER\nM:\tJane Maintainer <jane@example.org>\nS:\tMaintained\nF:\tdrivers/net/acme/\n");
        Write("tree/drivers/net/acme/main.c", "int a;\n");
        var first = Write("out going/0001-a.patch", new PatchBuilder().SignedOffByAuthor().ModifyFile("drivers/net/acme/main.c", "int a;\n", "int a;\nint b;\n").Build());
        var run = CliRun.Of(["check", "--tree", KernelTreeSkeleton.AddTo(Path.Combine(_dir.Path, "tree")), "--maintainers", "--fail-on", "never", first, Path.Combine(_dir.Path, "out going")]);
        Assert.EndsWith($"--to='Jane Maintainer <jane@example.org>' '{first}' '{Path.Combine(_dir.Path, "out going")}'\n", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Needs_a_tree_with_maintainers()
    {
        var run = CliRun.Of(["check", "--maintainers", Write("a.patch", new PatchBuilder().SignedOffByAuthor().Build())]);
        Assert.Equal(2, run.Exit);
        Assert.Contains("--maintainers needs --tree DIR", run.Stderr, StringComparison.Ordinal);
    }
}
