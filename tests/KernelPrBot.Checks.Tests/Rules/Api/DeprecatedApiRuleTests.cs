using KernelPrBot.Checks.Rules.Api;
using KernelPrBot.Testing;
using Xunit;

namespace KernelPrBot.Checks.Tests.Rules.Api;

public sealed class DeprecatedApiRuleTests
{
    private static readonly DeprecatedApiRule Rule = new();

    [Fact]
    public void Reports_bug_and_bug_on_but_not_build_bug_on_or_warn() => RuleRunner.AssertMarkedInNewFile(Rule, """
        static int acme_probe(struct acme *a)
        {
        	[|BUG_ON(!a);|]
        	BUILD_BUG_ON(sizeof(*a) > 64);
        	WARN_ON_ONCE(a->state > 3);
        	if (a->broken)
        		[|BUG();|]
        	[|VM_BUG_ON_PAGE(!a->page, a->page);|]
        	return 0;
        }
        """);

    [Fact]
    public void Reports_multiplication_in_allocator_sizes_with_the_array_form() 
    {
        var findings = RuleRunner.AssertMarkedInNewFile(Rule, """
            static int acme_alloc(struct device *dev, size_t count, struct acme *a)
            {
            	a->items = [|kmalloc(count * sizeof(*a->items), GFP_KERNEL);|]
            	a->table = [|kzalloc(sizeof(u32) * a->nr, GFP_KERNEL);|]
            	a->ring = [|devm_kzalloc(dev, a->nr * sizeof(*a->ring), GFP_KERNEL);|]
            	a->hdr = [|kmalloc(sizeof(*a->hdr) + count * sizeof(u64), GFP_KERNEL);|]
            	a->ok = kmalloc_array(count, sizeof(*a->ok), GFP_KERNEL);
            	a->page = kmalloc(PAGE_SIZE * 2, GFP_KERNEL);
            	a->one = kzalloc(sizeof(*a->one), GFP_KERNEL);
            	a->ptr = kmalloc(*a->size_ptr, GFP_KERNEL);
            	return 0;
            }
            """);
        Assert.Contains("use kmalloc_array()", findings[0].Message, StringComparison.Ordinal);
        Assert.Contains("use kcalloc()", findings[1].Message, StringComparison.Ordinal);
        Assert.Contains("use devm_kcalloc()", findings[2].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Reports_string_copies_and_simple_strto_with_replacements()
    {
        var findings = RuleRunner.AssertMarkedInNewFile(Rule, """
            static void acme_name(struct acme *a, const char *buf)
            {
            	[|strcpy(a->name, buf);|]
            	[|strncpy(a->label, buf, sizeof(a->label));|]
            	strlcpy(a->alias, buf, sizeof(a->alias)); /* gone from the kernel: removed-api's */
            	a->val = [|simple_strtoul(buf, NULL, 0);|]
            	strscpy(a->name, buf, sizeof(a->name));
            	a->ops->strcpy(a, buf);
            	/* strcpy(a->name, buf) in a comment is fine */
            	pr_info("strcpy(x) in a string is fine\n");
            }
            """);
        Assert.Contains("use strscpy()", findings[0].Message, StringComparison.Ordinal);
        Assert.Contains("use kstrtoul()", findings[2].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Reports_bare_percent_p_but_not_extensions_or_escaped_percent() => RuleRunner.AssertMarkedInNewFile(Rule, """
        static void acme_dump(struct acme *a)
        {
        	[|pr_info("buffer at %p\n", a->buf);|]
        	pr_info("caller %pS, err %pe, phys %pa\n", a->fn, a->err, &a->phys);
        	pr_info("100%%p done\n");
        	[|dev_dbg(a->dev, "%p:%d\n", a, a->id);|]
        }
        """);

    [Fact]
    public void Reports_variable_length_arrays_but_not_constant_sizes() => RuleRunner.AssertMarkedInNewFile(Rule, """
        static int acme_read(struct acme *a, size_t len)
        {
        	[|u8 buf[len];|]
        	[|char name[a->name_len + 1];|]
        	u8 fixed[ACME_MAX_LEN];
        	char tmp[sizeof(struct acme_hdr) * 2];
        	u32 regs[ARRAY_SIZE(acme_regs)];
        	int vals[16];
        	return 0;
        }
        """);

    [Fact]
    public void Reports_fall_through_comments_in_their_common_spellings() => RuleRunner.AssertMarkedInNewFile(Rule, """
        static int acme_mode(int mode)
        {
        	switch (mode) {
        	case 0:
        		acme_reset();
        		[|/* fall through */|]
        	case 1:
        		acme_start();
        		[|/* Fallthrough */|]
        	case 2:
        		acme_go();
        		[|// FALLTHRU|]
        	case 3:
        		acme_go();
        		fallthrough;
        	default:
        		/* we must not fall through to the reset here, see below */
        		return 0;
        	}
        }
        """);

    [Fact]
    public void Reports_zero_length_and_one_element_trailing_arrays_only_at_the_end_of_a_struct() => RuleRunner.AssertMarkedInNewFile(Rule, """
        struct acme_msg {
        	u32 len;
        	[|u8 data[0];|]
        };

        struct acme_hdr {
        	__le16 count;
        	[|__le32 entries[1];|]
        } __packed;

        struct acme_pair {
        	u32 first[1];
        	u32 second;
        	u8 flex[];
        };
        """, "include/linux/acme.h");

    [Fact]
    public void Reports_kmap_and_leaves_the_removed_rcu_flavours_to_removed_api() => RuleRunner.AssertMarkedInNewFile(Rule, """
        static void acme_sync(struct page *p)
        {
        	void *v;

        	synchronize_rcu_bh();
        	call_rcu_sched(&acme_head, acme_free);
        	v = [|kmap_atomic(p);|]
        	synchronize_rcu();
        }
        """);

    [Fact]
    public void Reports_only_lines_the_patch_adds()
    {
        const string Before = "static void f(char *d, const char *s)\n{\n\tstrcpy(d, s);\n\tBUG_ON(!d);\n}\n";
        RuleRunner.AssertMarkedInChange(Rule, Before, "static void f(char *d, const char *s)\n{\n\tstrcpy(d, s);\n\tBUG_ON(!d);\n\t[|strcpy(d + 1, s);|]\n}\n");
    }

    [Fact]
    public void Ignores_files_that_are_not_c()
    {
        var patch = new PatchBuilder().SignedOffByAuthor().AddFile("Documentation/acme.rst", "Do not call strcpy() or BUG_ON().\n").Build();
        Assert.Empty(RuleRunner.Run(Rule, patch));
    }
}
