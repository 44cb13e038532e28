using KernelPrBot.Checks.Rules.Api;
using KernelPrBot.Testing;
using Xunit;

namespace KernelPrBot.Checks.Tests.Rules.Api;

public sealed class WrongArityRuleTests
{
    private static readonly WrongArityRule Rule = new();

    [Fact]
    public void Reports_calls_that_match_no_definition()
    {
        var findings = RuleRunner.AssertMarkedInNewFile(Rule, """
            static int acme_alloc(struct acme *a, size_t n)
            {
            	unsigned long flags;

            	a->buf = [|kmalloc(n);|]
            	a->arr = kmalloc_array(n, sizeof(*a->arr), GFP_KERNEL);
            	[|kfree(a->buf, n);|]
            	[|spin_lock_irqsave(&a->lock);|]
            	spin_unlock_irqrestore(&a->lock, flags);
            	[|msleep();|]
            	return 0;
            }
            """, options: TestIndex.Options);
        Assert.Equal("kmalloc() is called with 1 argument, but its definitions take 2", findings[0].Message);
    }

    [Fact]
    public void Variadic_definitions_take_at_least_their_fixed_parameters()
    {
        RuleRunner.AssertMarkedInNewFile(Rule, """
            static void acme_log(struct acme *a)
            {
            	pr_info("hello\n");
            	pr_info("%d %d\n", a->x, a->y);
            	printk("x");
            	[|printk();|]
            	dev_err(a->dev, "failed\n");
            	[|dev_err(a->dev);|]
            }
            """, options: TestIndex.Options);
    }

    [Fact]
    public void Every_config_dependent_stub_counts_and_braces_split_macro_arguments()
    {
        RuleRunner.AssertMarkedInNewFile(Rule, """
            static void acme_go(struct acme *a)
            {
            	acme_attach(a);
            	acme_attach(a, 0);
            	[|acme_attach(a, 0, 1);|]
            	memcpy(a->dst, a->src, (struct acme_args){ 1, 2 }.len);
            	[|WARN_ON((struct acme_args){ 1, 2 }.len);|]
            	kfree((struct acme_args){ .a = 1, .b = 2 }.ptr);
            }
            """, options: TestIndex.Options);
    }

    [Fact]
    public void A_definition_in_the_patch_with_another_arity_counts()
    {
        var patch = new PatchBuilder().SignedOffByAuthor()
            .ModifyFile("drivers/misc/acme.c", "void msleep(unsigned int msecs)\n{\n}\n", "void msleep(unsigned int msecs, bool quiet)\n{\n}\n\nvoid acme(void)\n{\n\tmsleep(1, true);\n}\n")
            .Build();
        Assert.Empty(RuleRunner.Run(Rule, patch, TestIndex.Options));
    }

    [Fact]
    public void A_short_call_with_a_macro_argument_may_be_expanded_by_it()
    {
        RuleRunner.AssertMarkedInNewFile(Rule, """
            static void acme_write(struct acme *a, u32 v)
            {
            	request_irq(ACME_IRQ_ARGS(a));
            	request_irq(a->irq, ACME_HANDLER_AND_FLAGS, "acme", a);
            	[|request_irq(a->irq, a->handler, "acme", a);|]
            	[|request_irq(a->irq, a->handler, 0, "acme", a, ACME_EXTRA);|]
            }
            """, options: TestIndex.Options);
    }

    [Fact]
    public void Arguments_past_the_reading_limit_are_not_counted_but_the_calls_inside_them_are()
    {
        // kfree(...) with one argument that is a sum of many terms: past MaxArgumentTokens its count is unknown, so it
        // is not reported; the short wrong call inside it and the short one after it still are.
        var terms = string.Join(" + ", Enumerable.Range(0, CallFinder.MaxArgumentTokens / 2).Select(i => $"x{i}"));
        var findings = RuleRunner.AssertMarkedInNewFile(Rule, $$"""
            static void acme_free(struct acme *a)
            {
            	kfree(a->buf, {{terms}} + [|msleep()|]);
            	[|kfree(a->buf, a->len);|]
            }
            """, options: TestIndex.Options);
        Assert.Equal(2, findings.Count);
    }
}
