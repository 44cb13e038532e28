using KernelPrBot.Checks.Rules.Context;
using KernelPrBot.Testing;
using Xunit;

namespace KernelPrBot.Checks.Tests.Rules.Context;

public sealed class AtomicSleepingAllocRuleTests
{
    private static readonly AtomicSleepingAllocRule Rule = new();

    [Fact]
    public void Reports_gfp_kernel_under_a_spinlock_and_names_the_lock()
    {
        var findings = RuleRunner.AssertMarkedInNewFile(Rule, """
            static int acme_add(struct acme *a, size_t n)
            {
            	unsigned long flags;
            	void *buf;

            	spin_lock_irqsave(&a->lock, flags);
            	buf = [|kmalloc(n, GFP_KERNEL);|]
            	a->next = buf;
            	spin_unlock_irqrestore(&a->lock, flags);
            	return buf ? 0 : -ENOMEM;
            }
            """);
        Assert.Equal("kmalloc(GFP_KERNEL) may sleep, but spin_lock_irqsave(&a->lock) taken at line 6 is held; use GFP_ATOMIC or GFP_NOWAIT, or allocate before taking the lock", findings[0].Message);
    }

    [Fact]
    public void Reports_allocations_in_irq_handlers_timers_and_their_static_helpers() => RuleRunner.AssertMarkedInNewFile(Rule, """
        static void acme_fill(struct acme *a)
        {
        	a->skb = alloc_skb(a->len,
        			   [|GFP_KERNEL);|]
        }

        static irqreturn_t acme_irq(int irq, void *data)
        {
        	acme_fill(data);
        	return IRQ_HANDLED;
        }

        static void acme_timeout(struct timer_list *t)
        {
        	struct acme *a = from_timer(a, t, timer);

        	a->tmp = [|kzalloc(sizeof(*a->tmp), GFP_KERNEL | __GFP_NOWARN);|]
        	a->v = [|vmalloc(4096);|]
        }

        static int acme_probe(struct acme *a)
        {
        	timer_setup(&a->timer, acme_timeout, 0);
        	a->buf = kzalloc(64, GFP_KERNEL);
        	return request_irq(a->irq, acme_irq, 0, "acme", a);
        }
        """);

    [Fact]
    public void Reports_any_call_given_a_sleeping_gfp_flag_inside_rcu() => RuleRunner.AssertMarkedInNewFile(Rule, """
        static void acme_rx(struct acme *a)
        {
        	rcu_read_lock();
        	[|skb_page_frag_refill(a->len, &a->frag, GFP_KERNEL);|]
        	rcu_read_unlock();
        }
        """);

    [Fact]
    public void Accepts_atomic_flags_allocations_outside_the_lock_and_variables()
    {
        RuleRunner.AssertMarkedInNewFile(Rule, """
            static int acme_ok(struct acme *a, gfp_t gfp)
            {
            	void *early = kmalloc(64, GFP_KERNEL);

            	spin_lock(&a->lock);
            	a->x = kmalloc(64, GFP_ATOMIC);
            	a->y = kmalloc(64, gfp);
            	a->z = kmalloc(64, in_atomic() ? GFP_ATOMIC : GFP_KERNEL);
            	spin_unlock(&a->lock);
            	a->w = kmalloc(64, GFP_KERNEL);
            	mutex_lock(&a->mutex);
            	a->v = kmalloc(64, GFP_KERNEL);
            	mutex_unlock(&a->mutex);
            	kfree(early);
            	return 0;
            }
            """);
    }

    [Fact]
    public void Reads_flags_expressions_but_not_arguments_as_long_as_a_nest_of_calls()
    {
        // A flags expression is a few tokens; an argument of dozens is a value with calls nested in it. Reading every
        // such argument of g(g(g(…))) would cost the length of everything nested, at every level.
        var long_ = "GFP_KERNEL | acme_extra(" + string.Join(", ", Enumerable.Range(0, 40).Select(i => $"x{i}")) + ")";
        RuleRunner.AssertMarkedInNewFile(Rule, $$"""
            static void acme_fill(struct acme *a)
            {
            	spin_lock(&a->lock);
            	[|a->p = kmalloc(a->len, GFP_KERNEL | __GFP_ZERO | __GFP_NOWARN | __GFP_RETRY_MAYFAIL);|]
            	a->q = kmalloc(a->len, {{long_}});
            	spin_unlock(&a->lock);
            }
            """);
    }

    [Fact]
    public void Does_not_blame_the_patch_for_what_the_base_already_had()
    {
        const string Before = "static void f(struct acme *a)\n{\n\tspin_lock(&a->lock);\n\ta->p = kmalloc(8, GFP_KERNEL);\n\tspin_unlock(&a->lock);\n}\n";
        var after = Before.Replace("\tspin_unlock", "\ta->n++;\n\tspin_unlock", StringComparison.Ordinal);
        Assert.Empty(RuleRunner.RunWithImages(Rule, Before, after));
        var worse = after.Replace("a->n++;", "a->q = kzalloc(8, GFP_NOFS);", StringComparison.Ordinal);
        Assert.Equal(5, Assert.Single(RuleRunner.RunWithImages(Rule, Before, worse)).Line);
    }

    [Fact]
    public void A_hunk_that_starts_deep_in_the_file_quotes_the_registration_by_its_file_line()
    {
        // The hunk's text starts at file line 40; the registration is the hunk's line 9, the file's line 48.
        var findings = RuleRunner.Run(Rule, """
            diff --git a/drivers/misc/acme.c b/drivers/misc/acme.c
            --- a/drivers/misc/acme.c
            +++ b/drivers/misc/acme.c
            @@ -40,9 +40,10 @@
             static irqreturn_t acme_irq(int irq, void *data)
             {
            +	acme_log = kzalloc(64, GFP_KERNEL);
             	return IRQ_HANDLED;
             }
             
             static int acme_probe(struct acme *a)
             {
             	return request_irq(a->irq, acme_irq, 0, "acme", a);
             }

            """);
        var finding = Assert.Single(findings);
        Assert.Equal(42, finding.Line);
        Assert.Contains("registered by request_irq() at line 48", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_registration_in_another_hunk_of_the_same_file_makes_the_handler_atomic()
    {
        // git format-patch -W: the handler and the function that registers it are separate hunks of one file.
        var findings = RuleRunner.Run(Rule, """
            diff --git a/drivers/misc/acme.c b/drivers/misc/acme.c
            --- a/drivers/misc/acme.c
            +++ b/drivers/misc/acme.c
            @@ -40,4 +40,5 @@
             static irqreturn_t acme_irq(int irq, void *data)
             {
            +	acme_log = kzalloc(64, GFP_KERNEL);
             	return IRQ_HANDLED;
             }
            @@ -90,4 +91,5 @@
             static int acme_probe(struct acme *a)
             {
            +	a->irq = 7;
             	return request_irq(a->irq, acme_irq, 0, "acme", a);
             }
            diff --git a/drivers/misc/other.c b/drivers/misc/other.c
            --- a/drivers/misc/other.c
            +++ b/drivers/misc/other.c
            @@ -10,4 +10,5 @@
             static irqreturn_t acme_irq(int irq, void *data)
             {
            +	other_log = kzalloc(64, GFP_KERNEL);
             	return IRQ_HANDLED;
             }

            """);

        // other.c's acme_irq is another static function: acme.c's request_irq() says nothing of it.
        var finding = Assert.Single(findings);
        Assert.Equal(("drivers/misc/acme.c", 42), (finding.File, finding.Line));
        Assert.Contains("registered by request_irq() at line 94", finding.Message, StringComparison.Ordinal);
    }
}
