using KernelPrBot.Checks.Rules;
using KernelPrBot.Testing;
using Xunit;
using KernelPrBot.Checks.Analysis;

namespace KernelPrBot.Cli.Tests.Commands;

public sealed class RulesCommandTests
{
    [Fact]
    public void Lists_every_rule()
    {
        var run = CliRun.Of(["rules"]);
        Assert.Equal(0, run.Exit);
        Assert.All(RuleCatalog.Ids, id => Assert.Contains(id, run.Stdout, StringComparison.Ordinal));
    }

    [Fact]
    public void Markdown_table_matches_the_readme()
    {
        var table = CliRun.Of(["rules", "--markdown"]).Stdout;
        var readme = File.ReadAllText(TestPaths.InRepo("README.md")).Replace("\r\n", "\n", StringComparison.Ordinal);
        Assert.Contains(table, readme, StringComparison.Ordinal);
    }
}
