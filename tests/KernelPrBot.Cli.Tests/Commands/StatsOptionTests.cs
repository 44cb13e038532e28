using System.Text.RegularExpressions;
using KernelPrBot.Testing;
using Xunit;

namespace KernelPrBot.Cli.Tests.Commands;

/// <summary><c>check --stats</c>: in-process times on stderr; the findings and the exit code do not change.</summary>
public sealed class StatsOptionTests
{
    private static string Example => TestPaths.InRepo("tests", "corpus", "cli", "0001-net-acme-add-rx-ring-statistics.patch");

    [Fact]
    public void Stats_go_to_stderr_and_leave_the_report_alone()
    {
        var plain = CliRun.Of(["check", Example]);
        var withStats = CliRun.Of(["check", "--stats", Example]);

        Assert.Equal(plain.Exit, withStats.Exit);
        Assert.Equal(plain.Stdout, withStats.Stdout);
        var match = Regex.Match(withStats.Stderr,
            @"^kernel-pr-bot: stats: 1 patches, (\d+) diff lines; read and parse \d+\.\d\d ms, analysis \d+\.\d\d ms, \d+\.\d{3} ms per patch; allocated \d+\.\d MiB, \d+ collections$",
            RegexOptions.Multiline, TimeSpan.FromSeconds(1));
        Assert.True(match.Success, withStats.Stderr);
        Assert.True(int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) > 10);
    }

    [Fact]
    public void Stats_count_every_patch_of_a_series()
    {
        using var temp = new TempDirectory("stats");
        var dir = temp.Path;
        for (var i = 1; i <= 3; i++)
        {
            File.WriteAllText(Path.Combine(dir, $"{i:D4}.patch"), new PatchBuilder().Subject($"mm: change {i}").SignedOffByAuthor()
                .ModifyFile($"mm/f{i}.c", "int a;\n", "int a;\nint b;\n").Build());
        }

        var run = CliRun.Of(["check", "--stats", dir]);

        Assert.Equal(0, run.Exit);
        Assert.Contains("stats: 3 patches, ", run.Stderr, StringComparison.Ordinal);
    }
}
