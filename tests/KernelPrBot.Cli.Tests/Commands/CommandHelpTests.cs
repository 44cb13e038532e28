using KernelPrBot.Cli.Commands;
using KernelPrBot.Testing;
using Xunit;

namespace KernelPrBot.Cli.Tests.Commands;

public sealed class CommandHelpTests
{
    [Theory]
    [InlineData("check", "--help", "usage: kernel-pr-bot check")]
    [InlineData("check", "-h", "usage: kernel-pr-bot check")]
    [InlineData("index", "--help", "usage: kernel-pr-bot index")]
    [InlineData("rules", "-h", "usage: kernel-pr-bot rules")]
    public void Each_command_answers_help_on_stdout_with_exit_zero(string command, string flag, string start)
    {
        var run = CliRun.Of([command, "--format", "json", flag]);
        Assert.Equal(0, run.Exit);
        Assert.StartsWith(start, run.Stdout, StringComparison.Ordinal);
        Assert.Empty(run.Stderr);
    }

    [Fact]
    public void Check_help_names_every_option_the_command_accepts()
    {
        foreach (var option in new[] { "--tree", "--index", "--git", "--config", "--format", "--fail-on", "--submitter", "--maintainers", "--max-size-mb", "--color", "--no-color", "--stats" })
        {
            Assert.Contains(option, CommandHelp.Check, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void A_file_named_like_an_option_after_the_separator_is_read_as_a_file()
    {
        var run = CliRun.Of(["check", "--", "-h"]);
        Assert.Equal(2, run.Exit);
        Assert.Contains("-h", run.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("usage:", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Version_and_sarif_say_the_one_version_of_Directory_Build_props()
    {
        var props = File.ReadAllText(TestPaths.InRepo("Directory.Build.props"));
        var version = System.Text.RegularExpressions.Regex.Match(props, "<Version>([^<]+)</Version>").Groups[1].Value;
        Assert.NotEmpty(version);

        Assert.Equal($"kernel-pr-bot {version}\n", CliRun.Of(["--version"]).Stdout);
        var sarif = System.Text.Json.Nodes.JsonNode.Parse(CliRun.Of(["check", "--format", "sarif", ExampleSeries]).Stdout)!;
        Assert.Equal(version, (string?)sarif["runs"]![0]!["tool"]!["driver"]!["version"]);
    }

    private static string ExampleSeries => TestPaths.InRepo("examples", "acme-series");
}
