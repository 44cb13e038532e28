using KernelPrBot.Checks.Kernel;
using KernelPrBot.Checks.Patches;
using KernelPrBot.Inputs;
using KernelPrBot.Testing;
using Xunit;

namespace KernelPrBot.Cli.Tests.Input;

/// <summary>The one builder of analysis inputs: what it takes from a tree, and what it says it could not check.</summary>
public sealed class AnalysisInputBuilderTests : IDisposable
{
    private readonly TempDirectory _dir = new("inputs");

    public void Dispose() => _dir.Dispose();

    private static string ExampleTree => Testing.ExampleTree.Path;

    [Fact]
    public void Without_a_tree_checkpatch_and_the_trees_licences_are_listed_as_not_checked()
    {
        var input = AnalysisInputBuilder.Load(null, null, null, InputSettingNames.Bot).Build(new Dictionary<string, byte[]>(), submitter: null);

        Assert.Null(input.Options.Checkpatch);
        Assert.Same(SpdxLicenseTable.Builtin, input.Options.Licenses);
        Assert.Collection(input.NotChecked,
            n => Assert.Equal("checkpatch.pl not run: no trusted kernel tree (setting KernelPrBot:Index:Tree)", n),
            n => Assert.StartsWith("SPDX identifiers checked against the built-in licence list", n, StringComparison.Ordinal));
    }

    [KernelTreeFact]
    public void A_tree_gives_its_licences_maintainers_and_index_and_says_it_has_no_checkpatch()
    {
        var indexed = 0;
        var builder = AnalysisInputBuilder.Load(ExampleTree, null, tree =>
        {
            indexed++;
            return TestIndex.Index;
        }, InputSettingNames.CommandLine);
        var input = builder.Build(new Dictionary<string, byte[]>(), Person.TryParse("Jane Developer <jane@example.org>"));

        Assert.Equal(1, indexed);
        Assert.NotNull(input.Options.Symbols);
        Assert.NotNull(builder.Maintainers);
        Assert.NotSame(SpdxLicenseTable.Builtin, input.Options.Licenses);
        Assert.Equal("jane@example.org", input.Options.Submitter!.Email);
        var note = Assert.Single(input.NotChecked);
        Assert.Equal($"checkpatch.pl not run: {ExampleTree} has no scripts/checkpatch.pl", note);
    }

    [KernelTreeFact]
    public void An_index_file_wins_over_indexing_the_tree()
    {
        var path = Path.Combine(_dir.Path, "x.idx");
        var index = new Checks.Index.SymbolIndexBuilder();
        index.AddSource("int acme_probe(void *dev);");
        using (var stream = File.Create(path))
        {
            index.Write(stream);
        }

        var builder = AnalysisInputBuilder.Load(ExampleTree, path, _ => throw new InvalidOperationException("must not index"), InputSettingNames.CommandLine);
        Assert.True(builder.Symbols!.Contains("acme_probe"));
    }

    [Theory]
    [InlineData("", "no Makefile, no include/linux/, no scripts/")]
    [InlineData("Makefile", "no include/linux/, no scripts/")]
    public void A_directory_that_is_not_a_kernel_tree_is_refused_saying_what_it_lacks(string present, string lacks)
    {
        if (present.Length > 0)
        {
            File.WriteAllText(Path.Combine(_dir.Path, present), string.Empty);
        }

        var ex = Assert.Throws<KernelTreeException>(() => AnalysisInputBuilder.Load(_dir.Path, null, null, InputSettingNames.CommandLine));
        Assert.Contains("is not the top directory of a kernel tree: it has " + lacks, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_directory_is_refused()
    {
        var missing = Path.Combine(_dir.Path, "linux");
        var ex = Assert.Throws<KernelTreeException>(() => AnalysisInputBuilder.Load(missing, null, null, InputSettingNames.CommandLine));
        Assert.Equal($"{missing}: no such directory", ex.Message);
    }

    [Fact]
    public void The_command_line_refuses_a_non_kernel_tree_in_one_line()
    {
        var run = CliRun.Of(["check", "--tree", _dir.Path, TestPaths.InRepo("examples", "acme-series")]);
        Assert.Equal(2, run.Exit);
        Assert.StartsWith($"kernel-pr-bot: --tree {_dir.Path} is not the top directory of a kernel tree", run.Stderr, StringComparison.Ordinal);
        Assert.Empty(run.Stdout);
    }
}
