using KernelPrBot.Checks.Analysis;
using KernelPrBot.Checks.Index;
using KernelPrBot.Checks.Kernel;
using KernelPrBot.Checks.Rules;
using KernelPrBot.Checks.Rules.Api;
using KernelPrBot.Testing;
using Xunit;

namespace KernelPrBot.Checks.Tests.Rules.Api;

public sealed class RemovedApiRuleTests
{
    private static readonly RemovedApiRule Rule = new();

    private const string OldDriver = """
        static int acme_setup(struct pci_dev *pdev, struct acme *a, const char *name)
        {
        	int err = [|pci_set_dma_mask(pdev, DMA_BIT_MASK(32));|]

        	[|setup_timer(&a->timer, acme_tick, (unsigned long)a);|]
        	[|strlcpy(a->name, name, sizeof(a->name));|]
        	if ([|ACCESS_ONCE(a->state)|] == 1)
        		[|synchronize_sched();|]
        	strscpy(a->label, name, sizeof(a->label));
        	a->ops->strlcpy(a->alias, name);
        	/* strlcpy(a->name, name, n) in a comment is fine */
        	pr_info("setup_timer() in a string is fine\n");
        	return err;
        }
        """;

    [Fact]
    public void Reports_removed_interfaces_without_a_tree_with_their_replacements()
    {
        var findings = RuleRunner.AssertMarkedInNewFile(Rule, OldDriver);

        Assert.Equal("pci_set_dma_mask() no longer exists in the kernel (removed in v5.18); use dma_set_mask()", findings[0].Message);
        Assert.Equal("setup_timer() no longer exists in the kernel (removed); use timer_setup()", findings[1].Message);
        Assert.Equal("strlcpy() no longer exists in the kernel (removed in v6.8); use strscpy()", findings[2].Message);
        Assert.Contains("use READ_ONCE() or WRITE_ONCE()", findings[3].Message, StringComparison.Ordinal);
        Assert.All(findings, f => Assert.Equal(Severity.Error, f.Severity));
    }

    [Fact]
    public void Reports_only_lines_the_patch_adds() => RuleRunner.AssertMarkedInChange(
        Rule,
        "static void f(char *d, const char *s)\n{\n\tstrlcpy(d, s, 8);\n}\n",
        "static void f(char *d, const char *s)\n{\n\tstrlcpy(d, s, 8);\n\t[|strlcpy(d + 8, s, 8);|]\n}\n");

    [Fact]
    public void An_older_tree_that_still_has_the_name_keeps_it_deprecated_not_removed()
    {
        var options = OptionsWith("size_t strlcpy(char *dest, const char *src, size_t size);", "lib/string.c");
        const string Source = "static void f(char *d, const char *s)\n{\n\tstrlcpy(d, s, 8);\n}\n";

        RuleRunner.AssertMarkedInNewFile(Rule, Source, options: options);
        var deprecated = RuleRunner.AssertMarkedInNewFile(new DeprecatedApiRule(), "static void f(char *d, const char *s)\n{\n\t[|strlcpy(d, s, 8);|]\n}\n", options: options);
        Assert.StartsWith("strlcpy() is deprecated", deprecated[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_userspace_copy_under_tools_does_not_keep_the_name_in_the_kernel()
    {
        // tools/include/linux/string.h declares strlcpy() for perf; kernel code still cannot call it.
        var options = OptionsWith("extern size_t strlcpy(char *dest, const char *src, size_t size);", "tools/include/linux/string.h");
        const string Marked = "static void f(char *d, const char *s)\n{\n\t[|strlcpy(d, s, 8);|]\n}\n";

        RuleRunner.AssertMarkedInNewFile(Rule, Marked, options: options);
        RuleRunner.AssertMarkedInNewFile(new UnknownSymbolRule(), Marked.Replace("[|", string.Empty).Replace("|]", string.Empty), options: options);
        RuleRunner.AssertMarkedInNewFile(new DeprecatedApiRule(), Marked.Replace("[|", string.Empty).Replace("|]", string.Empty), options: options);
    }

    [Fact]
    public void With_an_index_that_lacks_the_name_unknown_symbol_leaves_it_to_this_rule()
    {
        const string Source = "static void f(char *d, const char *s)\n{\n\tstrlcpy(d, s, 8);\n}\n";
        RuleRunner.AssertMarkedInNewFile(new UnknownSymbolRule(), Source, options: TestIndex.Options);
        RuleRunner.AssertMarkedInNewFile(Rule, "static void f(char *d, const char *s)\n{\n\t[|strlcpy(d, s, 8);|]\n}\n", options: TestIndex.Options);
    }

    [Fact]
    public void A_name_the_patch_defines_itself_is_not_reported() => RuleRunner.AssertMarkedInNewFile(Rule, """
        #define ACCESS_ONCE(x) (*(volatile typeof(x) *)&(x))
        static void setup_timer(struct acme *a) { a->armed = 1; }
        static void f(struct acme *a)
        {
        	setup_timer(a);
        	a->v = ACCESS_ONCE(a->w);
        }
        """);

    [Theory]
    [InlineData("tools/perf/util/acme.c")]
    [InlineData("scripts/mod/acme.c")]
    public void Userspace_and_host_programs_are_not_checked(string path) =>
        RuleRunner.AssertMarkedInNewFile(Rule, "static void f(char *d, const char *s)\n{\n\tstrlcpy(d, s, 8);\n}\n", path: path);

    [Fact]
    public void Every_removed_name_is_distinct_and_names_a_replacement()
    {
        Assert.Equal(RemovedApis.All.Count, RemovedApis.All.Select(r => r.Name).Distinct().Count());
        Assert.All(RemovedApis.All, r => Assert.False(string.IsNullOrWhiteSpace(r.Replacement)));
        Assert.All(RemovedApis.All, r => Assert.Matches(@"^removed( in v\d+\.\d+)?$", r.Removal));
    }

    [KernelTreeFact]
    public void No_removed_name_is_defined_in_the_kernel_tree()
    {
        // The table's claim, checked against Linux 6.12: each name is absent outside tools/ (where userspace copies live).
        var index = KernelTreeIndex.Index!;
        var present = RemovedApis.All.Where(r => index.Find(r.Name) is { } info && (info.Kinds & SymbolKinds.UserspaceOnly) == 0).Select(r => r.Name).ToList();
        Assert.Empty(present);
        Assert.True(index.Find("strlcpy") is { } strlcpy && (strlcpy.Kinds & SymbolKinds.UserspaceOnly) != 0, "tools/include still declares strlcpy(), as userspace");
        Assert.True(index.Find("strscpy") is { } strscpy && (strscpy.Kinds & SymbolKinds.UserspaceOnly) == 0);
    }

    private static AnalysisOptions OptionsWith(string source, string path)
    {
        var builder = new SymbolIndexBuilder();
        builder.AddSource(source, path);
        return AnalysisOptions.Default with { Symbols = builder.Build() };
    }
}
