using System.Text.Json.Nodes;
using KernelPrBot.Testing;
using Xunit;

namespace KernelPrBot.Cli.Tests.Commands;

public sealed class CheckCommandTests : IDisposable
{
    private readonly TempDirectory _dir = new("cli");

    public void Dispose() => _dir.Dispose();

    private string WriteFile(string name, string content)
    {
        var path = Path.Combine(_dir.Path, name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
        return path;
    }

    private static string Example => TestPaths.InRepo("tests", "corpus", "cli", "0001-net-acme-add-rx-ring-statistics.patch");

    private static string Clean => new PatchBuilder().Subject("mm: tidy a comment").SignedOffByAuthor()
        .ModifyFile("mm/a.c", "/* old */\nint a;\n", "/* new */\nint a;\n").Build();

    [Fact]
    public void Clean_patch_exits_zero_with_a_summary()
    {
        var run = CliRun.Of(["check", WriteFile("clean.patch", Clean)]);
        Assert.Equal(0, run.Exit);
        Assert.EndsWith("0 errors, 0 warnings, 0 notes in 1 commits, 1 files\n", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Bundled_example_reports_its_problems_and_exits_one()
    {
        var run = CliRun.Of(["check", Example]);
        Assert.Equal(1, run.Exit);
        foreach (var rule in new[] { "[ai-sign-off]", "[missing-signed-off-by]", "[spdx-license]", "[deprecated-api]" })
        {
            Assert.Contains(rule, run.Stdout, StringComparison.Ordinal);
        }

        Assert.Contains("drivers/net/ethernet/acme/acme_stats.c:27: warning: strcpy()", run.Stdout, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("warning", 1)]
    [InlineData("error", 0)]
    [InlineData("never", 0)]
    public void Fail_on_sets_the_threshold(string level, int exit)
    {
        var warningsOnly = new PatchBuilder().Subject("mm: use strcpy").SignedOffByAuthor().ModifyFile("mm/a.c", "int a;\n", "int a;\nvoid f(char *d) { strcpy(d, \"x\"); }\n").Build();
        Assert.Equal(exit, CliRun.Of(["check", "--fail-on", level, WriteFile("w.patch", warningsOnly)]).Exit);
        Assert.Equal(0, CliRun.Of(["check", WriteFile("w3.patch", warningsOnly)]).Exit);
        Assert.Equal(0, CliRun.Of(["check", "--fail-on", "never", Example]).Exit);
    }

    [Fact]
    public void Reads_standard_input()
    {
        var run = CliRun.Of(["check", "--format", "json", "-"], File.ReadAllText(Example));
        var findings = JsonNode.Parse(run.Stdout)!["findings"]!.AsArray();
        Assert.Contains(findings, f => f!["file"]!.GetValue<string>() == "<stdin>" && f["rule"]!.GetValue<string>() == "ai-sign-off");
    }

    [Fact]
    public void Reads_a_directory_of_patches_in_order()
    {
        WriteFile("series/0002-b.patch", Clean.Replace("mm: tidy a comment", "mm: second", StringComparison.Ordinal));
        WriteFile("series/0001-a.patch", File.ReadAllText(Example));
        var run = CliRun.Of(["check", "--format", "json", Path.Combine(_dir.Path, "series")]);
        Assert.Equal(2, JsonNode.Parse(run.Stdout)!["summary"]!["commits"]!.GetValue<int>());
    }

    [Fact]
    public void Tree_gives_full_files_and_its_config_file_applies()
    {
        WriteFile("tree/mm/a.c", "/* old */\nint a;\n");
        WriteFile("tree/.kernel-pr-bot.yml", "rules:\n  commit-message: off\n");
        var patch = WriteFile("p.patch", new PatchBuilder().Subject("no prefix here").SignedOffByAuthor().ModifyFile("mm/a.c", "/* old */\nint a;\n", "/* new */\nint a;\n").Build());
        var run = CliRun.Of(["check", "--tree", KernelTreeSkeleton.AddTo(Path.Combine(_dir.Path, "tree")), patch]);
        Assert.Equal(0, run.Exit);
        Assert.DoesNotContain("analysed the hunks only", run.Stdout, StringComparison.Ordinal);
        Assert.Equal(1, CliRun.Of(["check", "--fail-on", "warning", patch]).Exit);
    }

    [Fact]
    public void Config_typo_is_a_usage_error_naming_the_line()
    {
        var config = WriteFile("cfg.yml", "rules:\n  deprecated-apis: off\n");
        var run = CliRun.Of(["check", "--config", config, Example]);
        Assert.Equal(2, run.Exit);
        Assert.Equal($"kernel-pr-bot: {config}:2: unknown rule 'deprecated-apis' (did you mean 'deprecated-api'?); 'kernel-pr-bot rules' lists them\n", run.Stderr);
        Assert.Empty(run.Stdout);
    }

    [Theory]
    [InlineData(new[] { "check" }, "check needs patch files")]
    [InlineData(new[] { "check", "--format", "xml", "x" }, "--format must be one of text, json, sarif, github, not 'xml'")]
    [InlineData(new[] { "check", "--frobnicate", "x" }, "unknown option '--frobnicate'")]
    [InlineData(new[] { "check", "--tree" }, "option --tree needs a value")]
    [InlineData(new[] { "check", "/nonexistent/file.patch" }, "file not found: /nonexistent/file.patch")]
    [InlineData(new[] { "check", "--tree", "/nonexistent/tree", "x" }, "--tree /nonexistent/tree: no such directory")]
    [InlineData(new[] { "frobnicate" }, "unknown command 'frobnicate'")]
    public void Usage_errors_exit_two_with_one_line(string[] args, string expected)
    {
        var run = CliRun.Of(args);
        Assert.Equal(2, run.Exit);
        Assert.Contains(expected, run.Stderr, StringComparison.Ordinal);
        Assert.Single(run.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public void Empty_and_binary_inputs_exit_two_with_a_reason()
    {
        Assert.Contains("input is empty", CliRun.Of(["check", WriteFile("empty.patch", string.Empty)]).Stderr, StringComparison.Ordinal);
        var binary = Path.Combine(_dir.Path, "x.bin");
        File.WriteAllBytes(binary, [0x7F, 0x45, 0x4C, 0x46, 0, 1, 2, 3]);
        var run = CliRun.Of(["check", binary]);
        Assert.Equal(2, run.Exit);
        Assert.Contains("binary file", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Input_over_the_size_limit_is_refused()
    {
        var big = WriteFile("big.patch", Clean + new string('#', 2 * 1024 * 1024));
        var run = CliRun.Of(["check", "--max-size-mb", "1", big]);
        Assert.Equal(2, run.Exit);
        Assert.Contains("the limit is 1 MiB", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Partial_input_reports_findings_and_the_input_error()
    {
        var text = File.ReadAllText(Example);
        var truncated = text[..text.IndexOf("+u64 acme_stats_drops", StringComparison.Ordinal)];
        var run = CliRun.Of(["check", WriteFile("cut.patch", truncated)]);
        Assert.Equal(1, run.Exit);
        Assert.Contains("is truncated", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("[deprecated-api]", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Sarif_and_github_formats_are_produced()
    {
        Assert.Equal("2.1.0", JsonNode.Parse(CliRun.Of(["check", "--format", "sarif", Example]).Stdout)!["version"]!.GetValue<string>());
        Assert.Contains("::error file=", CliRun.Of(["check", "--format", "github", Example]).Stdout, StringComparison.Ordinal);
    }
}
