using System.Diagnostics;
using System.Text;
using KernelPrBot.Checks.Kernel;
using KernelPrBot.Inputs;
using KernelPrBot.Testing;
using Xunit;

namespace KernelPrBot.Cli.Tests.Input;

/// <summary>Fixes: ids looked up in a real git history of a (tiny) kernel tree, as the builder does before the analysis.</summary>
public sealed class GitCommitLookupTests : IDisposable
{
    private readonly TempDirectory _dir = new("git-fixes");

    public void Dispose() => _dir.Dispose();

    private string Git(params string[] arguments)
    {
        var start = new ProcessStartInfo("git") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in (string[])["-C", _dir.Path, "-c", "user.name=Jane Developer", "-c", "user.email=jane@example.org", "-c", "commit.gpgsign=false", .. arguments])
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, process.StandardError.ReadToEnd());
        return output.Trim();
    }

    private string CommitFile(string name, string text, string subject)
    {
        File.WriteAllText(Path.Combine(_dir.Path, name), text);
        Git("add", name);
        Git("commit", "-q", "-m", subject);
        return Git("rev-parse", "HEAD");
    }

    private Inputs.KernelTree MakeTree()
    {
        Directory.CreateDirectory(Path.Combine(_dir.Path, "include", "linux"));
        Directory.CreateDirectory(Path.Combine(_dir.Path, "scripts"));
        Git("init", "-q");
        CommitFile("Makefile", "VERSION = 6\n", "Linux 6.12");
        return Inputs.KernelTree.Open(_dir.Path);
    }

    [Fact]
    public void Ids_resolve_to_the_commit_and_subject_and_unknown_ids_are_missing()
    {
        var tree = MakeTree();
        var sha = CommitFile("acme.c", "int x;\n", "acme: add the driver");

        var history = GitCommitLookup.Resolve(tree, [sha[..12], sha[..20].ToUpperInvariant(), "0123456789ab"], out var problem);

        Assert.Null(problem);
        Assert.NotNull(history);
        Assert.Equal(new CommitLookup(CommitLookupResult.Found, sha, "acme: add the driver"), history.Find(sha[..12]));
        Assert.Equal(sha, history.Find(sha[..20])!.FullSha);
        Assert.Equal(CommitLookupResult.Missing, history.Find("0123456789AB")!.Result);
        Assert.Null(history.Find("fedcba987654"));
    }

    [Fact]
    public void A_blob_id_is_not_a_commit()
    {
        var tree = MakeTree();
        CommitFile("acme.c", "int x;\n", "acme: add the driver");
        var blob = Git("rev-parse", "HEAD:acme.c");

        var history = GitCommitLookup.Resolve(tree, [blob[..12]], out _);

        Assert.Equal(CommitLookupResult.Missing, history!.Find(blob[..12])!.Result);
    }

    [Fact]
    public void The_builder_looks_up_the_series_ids_and_the_rule_reports_a_wrong_subject_with_the_real_one()
    {
        var tree = MakeTree();
        var sha = CommitFile("acme.c", "int x;\n", "acme: add the driver");
        var patch = new PatchBuilder().Body($"Fix it.\n\nFixes: {sha[..12]} (\"acme: add a driver\")\nFixes: 0123456789ab (\"acme: gone\")").SignedOffByAuthor().Build();

        var input = AnalysisInputBuilder.Load(tree.Root, null, null, InputSettingNames.CommandLine)
            .Build(new Dictionary<string, byte[]> { ["0001.patch"] = Encoding.UTF8.GetBytes(patch) }, submitter: null);
        var findings = RuleRunner.Run(new Checks.Rules.Process.FixesTagRule(), patch, input.Options).Select(f => f.Message).ToList();

        Assert.Empty(input.Problems);
        Assert.DoesNotContain(input.NotChecked, n => n.StartsWith("Fixes:", StringComparison.Ordinal));
        Assert.Collection(findings,
            m => Assert.EndsWith($"write 'Fixes: {sha[..12]} (\"acme: add the driver\")'", m, StringComparison.Ordinal),
            m => Assert.StartsWith("Fixes: names 0123456789ab, which is not a commit in the git history of", m, StringComparison.Ordinal));
    }

    [Fact]
    public void A_tree_that_is_not_a_git_checkout_says_the_ids_were_not_looked_up()
    {
        Directory.CreateDirectory(Path.Combine(_dir.Path, "include", "linux"));
        Directory.CreateDirectory(Path.Combine(_dir.Path, "scripts"));
        File.WriteAllText(Path.Combine(_dir.Path, "Makefile"), "VERSION = 6\n");
        var patch = new PatchBuilder().Body("Fix it.\n\nFixes: 0123456789ab (\"acme: gone\")").SignedOffByAuthor().Build();

        var input = AnalysisInputBuilder.Load(_dir.Path, null, null, InputSettingNames.CommandLine)
            .Build(new Dictionary<string, byte[]> { ["0001.patch"] = Encoding.UTF8.GetBytes(patch) }, submitter: null);

        Assert.Null(input.Options.History);
        Assert.Contains($"Fixes: ids not looked up: {_dir.Path} is not a git checkout", input.NotChecked);
    }

    [Fact]
    public void Hostile_ids_never_reach_git_as_options()
    {
        var tree = MakeTree();

        var history = GitCommitLookup.Resolve(tree, ["--output=/tmp/x", "HEAD", "0123456789ab\n--all"], out var problem);

        Assert.Null(problem);
        Assert.Null(history!.Find("HEAD"));
        Assert.Null(history.Find("--output=/tmp/x"));
    }
}
