using KernelPrBot.Checks.Rules;
using KernelPrBot.Checks.Rules.Api;
using KernelPrBot.Testing;
using Xunit;

namespace KernelPrBot.Checks.Tests.Rules.Api;

public sealed class AllocSizeofPointerRuleTests
{
    private static readonly AllocSizeofPointerRule Rule = new();

    [Fact]
    public void Reports_an_allocation_sized_by_the_pointer_it_is_assigned_to()
    {
        var findings = RuleRunner.AssertMarkedInNewFile(Rule, """
            static int acme_probe(struct platform_device *pdev)
            {
            	struct acme *priv;

            	[|priv = kmalloc(sizeof(priv), GFP_KERNEL);|]
            	if (!priv)
            		return -ENOMEM;
            	[|priv->regs = kzalloc(sizeof(priv->regs), GFP_KERNEL);|]
            	[|priv->ring[0].desc = kzalloc(sizeof priv->ring[0].desc, GFP_KERNEL);|]
            	return 0;
            }
            """);
        Assert.Equal("kmalloc(sizeof(priv)) allocates the size of the pointer 'priv', not of what it points to; use sizeof(*priv)", findings[0].Message);
        Assert.Equal("kzalloc(sizeof(priv->regs)) allocates the size of the pointer 'priv->regs', not of what it points to; use sizeof(*priv->regs)", findings[1].Message);
        Assert.Equal("kzalloc(sizeof(priv->ring[0].desc)) allocates the size of the pointer 'priv->ring[0].desc', not of what it points to; use sizeof(*priv->ring[0].desc)", findings[2].Message);
        Assert.All(findings, f => Assert.Equal(Severity.Warning, f.Severity));
    }

    [Fact]
    public void Reports_the_element_size_of_array_forms_and_the_size_of_devm_forms()
    {
        var findings = RuleRunner.AssertMarkedInNewFile(Rule, """
            static int acme_init(struct device *dev, struct acme *a, int n)
            {
            	[|a->items = kcalloc(n, sizeof(a->items), GFP_KERNEL);|]
            	[|a->map = kmalloc_array(n, sizeof(a->map), GFP_KERNEL);|]
            	[|a->ctx = devm_kzalloc(dev, sizeof(a->ctx), GFP_KERNEL);|]
            	[|a->tbl = devm_kcalloc(dev, n, sizeof(a->tbl), GFP_KERNEL);|]
            	[|*a->slot = kzalloc_node(sizeof(*a->slot), GFP_KERNEL, NUMA_NO_NODE);|]
            	a->ok = kcalloc(n, sizeof(*a->ok), GFP_KERNEL);
            	a->dev = devm_kzalloc(dev, sizeof(*a->dev), GFP_KERNEL);
            	return 0;
            }
            """);
        Assert.Equal("kcalloc(…, sizeof(a->items)) sizes each element as the pointer 'a->items', not as what it points to; use sizeof(*a->items)", findings[0].Message);
        Assert.Equal("devm_kzalloc(…, sizeof(a->ctx)) allocates the size of the pointer 'a->ctx', not of what it points to; use sizeof(*a->ctx)", findings[2].Message);
        Assert.Equal("kzalloc_node(sizeof(*a->slot)) allocates the size of the pointer '*a->slot', not of what it points to; use sizeof(**a->slot)", findings[4].Message);
    }

    [Fact]
    public void Reports_the_size_argument_line_of_a_multi_line_call_and_declarations_with_casts() => RuleRunner.AssertMarkedInNewFile(Rule, """
        static int acme_open(struct device *dev)
        {
        	struct acme_ctx *ctx = (struct acme_ctx *)kzalloc(
        		[|sizeof(ctx),|]
        		GFP_KERNEL);
        	struct acme_buf *buf = devm_kmalloc(dev,
        					   [|sizeof(buf),|] GFP_KERNEL);

        	if (!ctx || !buf)
        		return -ENOMEM;
        	else
        		[|*ctx->pp = kvmalloc(sizeof *ctx->pp, GFP_KERNEL);|]
        	return 0;
        }
        """);

    [Fact]
    public void Reports_a_pointer_type_that_is_the_declared_type_of_the_target()
    {
        var findings = RuleRunner.AssertMarkedInNewFile(Rule, """
            static int acme_setup(struct acme *a, int n)
            {
            	struct acme_desc *desc;
            	struct acme_desc **descs;
            	const struct acme_ops *ops = [|kzalloc(sizeof(struct acme_ops *), GFP_KERNEL);|]

            	[|desc = kmalloc(sizeof(struct acme_desc *), GFP_KERNEL);|]
            	descs = kcalloc(n, sizeof(struct acme_desc *), GFP_KERNEL);
            	a->table = kcalloc(n, sizeof(void *), GFP_KERNEL);
            	a->desc = kmalloc(sizeof(struct acme_desc *), GFP_KERNEL);
            	return 0;
            }
            """);
        Assert.Equal("kzalloc(sizeof(struct acme_ops *)) allocates the size of a pointer, but 'ops' points to struct acme_ops; use sizeof(*ops)", findings[0].Message);
    }

    [Fact]
    public void Does_not_report_object_sizes_other_names_or_other_expressions() => RuleRunner.AssertMarkedInNewFile(Rule, """
        static int acme_alloc(struct acme *a, void *y)
        {
        	struct acme_priv *p;
        	unsigned long addr;

        	p = kmalloc(sizeof(*p), GFP_KERNEL);
        	p = kzalloc(sizeof(struct acme_priv), GFP_KERNEL);
        	p = kzalloc(sizeof(y), GFP_KERNEL);
        	p->buf = kmalloc(sizeof(p), GFP_KERNEL);
        	p = kmalloc(sizeof(p) * 2, GFP_KERNEL);
        	p = kmalloc(sizeof(p) + a->len, GFP_KERNEL);
        	addr = (unsigned long)kmalloc(sizeof(addr), GFP_KERNEL);
        	if (p == kmalloc(sizeof(p), GFP_KERNEL))
        		return -EINVAL;
        	p += kmalloc(sizeof(p), GFP_KERNEL);
        	a->ops->kmalloc(sizeof(p), GFP_KERNEL);
        	return foo(kmalloc(sizeof(p), GFP_KERNEL));
        }
        """);

    [Fact]
    public void Reads_a_star_after_a_struct_body_as_a_declarator_and_after_a_block_as_a_dereference() => RuleRunner.AssertMarkedInNewFile(Rule, """
        static int acme_cursor(struct acme *a, void **pp)
        {
        	if (a->set) {
        		struct {
        			u8 data[64];
        			u32 bak[16];
        		} *cr_data = kzalloc(sizeof(*cr_data), GFP_ATOMIC);
        		struct acme_shape {
        			u8 data[64];
        		} *shape = kzalloc(sizeof(*shape), GFP_ATOMIC);

        		kfree(cr_data);
        		kfree(shape);
        	}
        	[|*pp = kmalloc(sizeof(*pp), GFP_KERNEL);|]
        	return 0;
        }
        """);

    [Fact]
    public void Does_not_report_comments_strings_or_macro_definitions() => RuleRunner.AssertMarkedInNewFile(Rule, """
        #define ACME_ALLOC(p) p = kmalloc(sizeof(p), GFP_KERNEL)
        #define ACME_ZALLOC(p) \
        	((p) = kzalloc(sizeof(p), GFP_KERNEL))

        static void acme_note(struct acme *a)
        {
        	/* a->buf = kmalloc(sizeof(a->buf), GFP_KERNEL); is the bug */
        	// a->buf = kmalloc(sizeof(a->buf), GFP_KERNEL);
        	pr_info("a->buf = kmalloc(sizeof(a->buf), GFP_KERNEL)\n");
        }
        """);

    [Fact]
    public void Reports_only_when_the_patch_adds_a_line_of_the_expression()
    {
        const string Before = """
            static int acme_probe(struct acme *a)
            {
            	a->regs = kzalloc(sizeof(a->regs), GFP_KERNEL);
            	a->ctx = kzalloc(
            		sizeof(*a->ctx), GFP_KERNEL);
            	a->old = kmalloc(sizeof(a->old), GFP_KERNEL);
            	return 0;
            }
            """;
        RuleRunner.AssertMarkedInChange(Rule, Before, """
            static int acme_probe(struct acme *a)
            {
            	a->regs = kzalloc(sizeof(a->regs), GFP_KERNEL);
            	a->ctx = kzalloc(
            		[|sizeof(a->ctx), GFP_KERNEL);|]
            	if (!a->ctx)
            		return -ENOMEM;
            	a->old = kmalloc(sizeof(a->old), GFP_KERNEL);
            	return 0;
            }
            """);
    }

    [Fact]
    public void The_fingerprint_does_not_depend_on_the_line()
    {
        var first = RuleRunner.AssertMarkedInNewFile(Rule, "void f(struct acme *a)\n{\n\t[|a->buf = kmalloc(sizeof(a->buf), GFP_KERNEL);|]\n}\n");
        var moved = RuleRunner.AssertMarkedInNewFile(Rule, "void f(struct acme *a)\n{\n\tint x;\n\n\t[|a->buf = kmalloc(sizeof(a->buf), GFP_KERNEL);|]\n}\n");
        Assert.Equal(first[0].Fingerprint, moved[0].Fingerprint);
    }
}
