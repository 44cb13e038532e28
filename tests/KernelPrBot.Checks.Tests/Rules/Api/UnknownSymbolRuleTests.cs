using KernelPrBot.Checks.Analysis;
using KernelPrBot.Checks.Rules.Api;
using KernelPrBot.Checks.Source;
using KernelPrBot.Testing;
using Xunit;

namespace KernelPrBot.Checks.Tests.Rules.Api;

public sealed class UnknownSymbolRuleTests
{
    private static readonly UnknownSymbolRule Rule = new();

    [Fact]
    public void Reports_invented_names_with_suggestions()
    {
        var findings = RuleRunner.AssertMarkedInNewFile(Rule, """
            static int acme_alloc(struct acme *a, size_t n)
            {
            	unsigned long flags;

            	a->buf = [|kmalloc_zeroed(n, GFP_KERNEL);|]
            	[|spin_lock_irqsafe(&a->lock, flags);|]
            	a->ring = [|devm_kzalloc_array(a->dev, n, 8, GFP_KERNEL);|]
            	spin_unlock_irqrestore(&a->lock, flags);
            	return 0;
            }
            """, options: TestIndex.Options);
        Assert.Contains("did you mean kmalloc()", findings[0].Message, StringComparison.Ordinal);
        Assert.Contains("did you mean spin_lock_irqsave()", findings[1].Message, StringComparison.Ordinal);
        Assert.Contains("devm_kmalloc_array()", findings[2].Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("tools/perf/util/evsel.c")]
    [InlineData("tools/testing/selftests/net/acme.c")]
    [InlineData("scripts/mod/acme.c")]
    [InlineData("usr/gen_acme.c")]
    public void Userspace_and_host_programs_of_the_tree_are_not_checked_against_the_kernel_index(string path)
    {
        // tools/, scripts/ and usr/ build against libc (sysconf(), getopt()), not the kernel: an unknown name there
        // says nothing about the kernel's interfaces.
        RuleRunner.AssertMarkedInNewFile(Rule, """
            static long acme_pages(void)
            {
            	return sysconf(_SC_PAGESIZE) + kmalloc_zeroed(1);
            }
            """, path: path, options: TestIndex.Options);
    }

    [Fact]
    public void Keywords_builtins_members_locals_parameters_and_macro_parameters_are_not_calls()
    {
        RuleRunner.AssertMarkedInNewFile(Rule, """
            #define ACME_CALL(fn, arg) fn(arg)
            #define ACME_NAME(x) acme_##x(x)
            static int acme_run(struct acme *a, int (*cb)(int), irq_handler_t handler)
            {
            	void (*done)(void *) = a->done;
            	int n = sizeof(*a) + __builtin_popcount(a->mask);
            	typeof(a) b = a;

            	if (a->ops->start(a))
            		return -EIO;
            	while (cb(n))
            		n--;
            	handler(0, a);
            	done(a);
            	a->dev.release(&a->dev);
            	asm volatile("nop" ::: "memory");
            	return ARRAY_SIZE(a->items) + WARN_ON(!b) + offsetof(struct acme, mask);
            }
            static void __attribute__((format(printf, 1, 2))) acme_log(const char *fmt, ...);
            """, options: TestIndex.Options);
    }

    [Fact]
    public void Names_defined_in_the_patch_count_as_known()
    {
        var patch = new PatchBuilder().SignedOffByAuthor()
            .AddFile("drivers/misc/acme.h", "int acme_helper(struct acme *a);\n#define ACME_RESET(a) acme_helper(a)\nenum acme_state { ACME_IDLE };\n")
            .AddFile("drivers/misc/acme.c", "static int acme_local(int x)\n{\n\treturn x;\n}\n\nint acme_probe(struct acme *a)\n{\n\tACME_RESET(a);\n\treturn acme_local(acme_helper(a));\n}\n")
            .Build();
        Assert.Empty(RuleRunner.Run(Rule, patch, TestIndex.Options));
    }

    [Fact]
    public void Only_added_lines_are_checked_in_a_change()
    {
        RuleRunner.AssertMarkedInChange(
            Rule,
            "static void acme(void)\n{\n\tacme_old_missing();\n}\n",
            "static void acme(void)\n{\n\tacme_old_missing();\n\t[|acme_new_missing();|]\n}\n",
            options: TestIndex.Options);
    }

    [Fact]
    public void Without_an_index_it_reports_nothing_and_the_result_says_so()
    {
        var patch = new PatchBuilder().SignedOffByAuthor().AddFile("drivers/misc/acme.c", "void f(void)\n{\n\tkmalloc_zeroed(1);\n}\n").Build();
        var result = new Analyzer([Rule]).Run(KernelPrBot.Checks.Patches.PatchParser.Parse(patch, "t.patch"));
        Assert.Empty(result.Findings);
        Assert.Contains(Analyzer.SkippedWithoutIndex, result.Notes);
    }
}

/// <summary>
/// With a tree, a changed file whose base is not in it (missing there, or a hunk does not apply) has unseen
/// definitions of its own: the api rules stay silent there and the run's notes say so; a new file is still checked.
/// </summary>
/// <summary>Code under #if 0 is never compiled: the api rules do not check it, while its #else branch is checked.</summary>
public sealed class DeadCodeTests
{
    [Fact]
    public void Calls_under_if_0_are_not_checked_and_the_else_branch_is() => RuleRunner.AssertMarkedInNewFile(new UnknownSymbolRule(), """
        static int acme_setcmap(struct fb_cmap *cmap, int kspc, int con, struct fb_info *info)
        {
        #if 0
        	return gen_set_cmap(cmap, kspc, con, info);
        #ifdef CONFIG_ACME
        	return gen_get_cmap(cmap);
        #endif
        #elif defined(CONFIG_ACME_OLD)
        	return [|acme_old_set_cmap(cmap);|]
        #else
        	return [|acme_set_cmap_invented(cmap);|]
        #endif
        }
        """, options: TestIndex.Options);
}

public sealed class UnseenBaseTests
{
    private const string Before = "static int acme_open(struct acme *a)\n{\n\treturn 0;\n}\n";
    private const string After = "static int acme_open(struct acme *a)\n{\n\ta->buf = kmalloc(1);\n\treturn kmalloc_zeroed(1);\n}\n";

    private static AnalysisResult Run(string patchText, Dictionary<(int, string), FileImages>? images) =>
        new Analyzer([new UnknownSymbolRule(), new WrongArityRule()]).Run(Checks.Patches.PatchParser.Parse(patchText, "test.patch"), images, TestIndex.Options);

    [Fact]
    public void A_changed_file_the_tree_lacks_gets_no_api_errors_and_a_note()
    {
        var patch = new PatchBuilder().SignedOffByAuthor().ModifyFile("drivers/net/dsa/acme/acme_main.c", Before, After).Build();

        var result = Run(patch, []);

        Assert.Empty(result.Findings);
        Assert.Contains(result.Notes, n => n.StartsWith("unknown-symbol, wrong-arity and unknown-header not checked in drivers/net/dsa/acme/acme_main.c: the tree has no base version of this file", StringComparison.Ordinal));
    }

    [Fact]
    public void Without_a_tree_the_same_hunk_is_checked_against_the_index()
    {
        var patch = new PatchBuilder().SignedOffByAuthor().ModifyFile("drivers/net/dsa/acme/acme_main.c", Before, After).Build();

        var result = Run(patch, null);

        Assert.Contains(result.Findings, f => f.Message.StartsWith("kmalloc_zeroed() is not defined", StringComparison.Ordinal));
        Assert.Contains(result.Findings, f => f.Message.StartsWith("kmalloc() is called with 1 argument", StringComparison.Ordinal));
        Assert.DoesNotContain(result.Notes, n => n.Contains("no base version", StringComparison.Ordinal));
    }

    [Fact]
    public void A_file_the_series_adds_is_still_checked_with_a_tree()
    {
        var patch = new PatchBuilder().SignedOffByAuthor().AddFile("drivers/net/dsa/acme/acme_main.c", After).Build();

        var result = Run(patch, []);

        Assert.Contains(result.Findings, f => f.Message.StartsWith("kmalloc_zeroed() is not defined", StringComparison.Ordinal));
    }
}
