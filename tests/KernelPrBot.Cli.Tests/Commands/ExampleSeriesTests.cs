using System.Text.Json.Nodes;
using KernelPrBot.Checks.Index;
using KernelPrBot.Checks.Kernel;
using KernelPrBot.Testing;
using Xunit;

namespace KernelPrBot.Cli.Tests.Commands;

/// <summary>
/// The README's first command, <c>check examples/acme-series</c> with no tree, and the same with the tree assembled
/// from the linux-source package (<c>--tree</c>). Each headline rule reports exactly once, on the line the example
/// means, and the clean patch and the clean parts of the others report nothing. The index is built into a temporary directory (given with --index) so that the test leaves nothing in
/// the user's cache.
/// </summary>
public sealed class ExampleSeriesTests : IDisposable
{
    private const string Ethtool = "drivers/net/ethernet/acme/acme_ethtool.c";
    private const string Main = "drivers/net/ethernet/acme/acme_main.c";
    private const string AdaptivePatch = "0003-net-acme-support-adaptive-rx-interrupt-coalescing.patch";

    private static readonly string Series = TestPaths.InRepo("examples", "acme-series");
    private static string Tree => ExampleTree.Path;

    private readonly TempDirectory _temp = new("example");

    public void Dispose() => _temp.Dispose();

    [KernelTreeFact]
    public void With_the_tree_each_headline_rule_reports_once_where_intended()
    {
        var run = CliRun.Of(["check", "--tree", Tree, "--index", BuildIndex(), "--format", "json", Series]);

        Assert.Equal(1, run.Exit);
        AssertFindings(
            run.Stdout,
            ("atomic-sleeping-alloc", Main, 107),
            ("rcu-deref-outside-read-section", Ethtool, 107),
            ("unknown-symbol", Ethtool, 130),
            ("removed-api", Ethtool, 29),
            ("lock-not-released", Ethtool, 146),
            ("ai-sign-off", AdaptivePatch, 15));
        Assert.Empty(JsonNode.Parse(run.Stdout)!["summary"]!["diagnostics"]!.AsArray());
    }

    [KernelTreeFact]
    public void With_the_tree_the_messages_name_the_cause()
    {
        var run = CliRun.Of(["check", "--tree", Tree, "--index", BuildIndex(), Series]);

        Assert.Contains($"{Main}:107: error: kzalloc(GFP_KERNEL) may sleep, but acme_interrupt() runs as hard-IRQ handler registered by request_irq() at line 148", run.Stdout, StringComparison.Ordinal);
        Assert.Contains($"{Ethtool}:130: error: kmalloc_zeroed() is not defined in the tree or in this patch; did you mean kmalloc()?", run.Stdout, StringComparison.Ordinal);
        Assert.Contains($"{Ethtool}:146: error: mutex_lock(&priv->cfg_lock) taken at line 138 is still held at 'return -EINVAL'", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("'Signed-off-by: Claude <noreply@anthropic.com>' names an AI tool", run.Stdout, StringComparison.Ordinal);
        Assert.EndsWith("6 errors, 0 warnings, 0 notes in 4 commits, 9 files\n", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_the_tree_the_hunks_show_the_atomic_lock_rcu_and_removed_api_bugs()
    {
        // The .c hunks show whole functions (git format-patch -W); the IRQ handler's request_irq() is in another hunk
        // of the same file. Only kmalloc_zeroed() needs the symbol index: nothing but the tree says it does not exist.
        var run = CliRun.Of(["check", "--format", "json", Series]);

        Assert.Equal(1, run.Exit);
        AssertFindings(
            run.Stdout,
            ("atomic-sleeping-alloc", Main, 107),
            ("rcu-deref-outside-read-section", Ethtool, 107),
            ("lock-not-released", Ethtool, 146),
            ("removed-api", Ethtool, 29),
            ("ai-sign-off", AdaptivePatch, 15));
    }

    [Fact]
    public void Without_the_tree_the_messages_name_the_cause()
    {
        var run = CliRun.Of(["check", Series]);

        Assert.Contains($"{Main}:107: error: kzalloc(GFP_KERNEL) may sleep, but acme_interrupt() runs as hard-IRQ handler registered by request_irq() at line 148", run.Stdout, StringComparison.Ordinal);
        Assert.Contains($"{Ethtool}:29: error: strlcpy() no longer exists in the kernel (removed in v6.8); use strscpy()", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("note: unknown-symbol, wrong-arity and unknown-header skipped: no symbol index", run.Stdout, StringComparison.Ordinal);
        Assert.EndsWith("5 errors, 0 warnings, 0 notes in 4 commits, 9 files\n", run.Stdout, StringComparison.Ordinal);
    }

    [KernelTreeFact]
    public void The_example_tree_is_a_kernel_tree_with_licences_and_a_maintainer()
    {
        Assert.True(TreeIndexer.IsKernelTree(Tree));
        Assert.Equal("preferred", SpdxLicenseTable.FromTree(Tree)!.FolderOf("GPL-2.0-only"));

        var run = CliRun.Of(["check", "--tree", Tree, "--index", BuildIndex(), "--maintainers", Series]);
        Assert.Contains("  Anna Lindqvist <anna.lindqvist@example.com> (maintainer)\n", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("  netdev@vger.kernel.org (list)\n", run.Stdout, StringComparison.Ordinal);
    }

    private string BuildIndex()
    {
        var path = Path.Combine(_temp.Path, "example-tree.idx");
        if (!File.Exists(path))
        {
            var run = CliRun.Of(["index", "--tree", Tree, "-o", path]);
            Assert.True(run.Exit == 0, run.Stderr);
        }

        return path;
    }

    /// <summary>The (rule, file, line) of every finding, in any order; commit-message findings name the patch file by its name.</summary>
    private static void AssertFindings(string json, params (string Rule, string File, int Line)[] expected)
    {
        var actual = JsonNode.Parse(json)!["findings"]!.AsArray()
            .Select(f => (
                Rule: f!["rule"]!.GetValue<string>(),
                File: f["kind"]!.GetValue<string>() == "code" ? f["file"]!.GetValue<string>() : Path.GetFileName(f["file"]!.GetValue<string>()),
                Line: f["line"]!.GetValue<int>()));
        Assert.Equal(expected.Order(), actual.Order());
    }
}
