using KernelPrBot.Checks.Rules.Context;
using KernelPrBot.Testing;
using Xunit;

namespace KernelPrBot.Checks.Tests.Rules.Context;

public sealed class LockVariantMismatchRuleTests
{
    private static readonly LockVariantMismatchRule Rule = new();

    [Fact]
    public void Reports_the_wrong_unlock_variant_with_the_right_one()
    {
        var findings = RuleRunner.AssertMarkedInNewFile(Rule, """
            static void acme_a(struct acme *a)
            {
            	spin_lock_bh(&a->lock);
            	a->n++;
            	[|spin_unlock(&a->lock);|]
            }

            static void acme_b(struct acme *a)
            {
            	spin_lock_irq(&a->lock);
            	a->n++;
            	[|spin_unlock_irqrestore(&a->lock, a->flags);|]
            }
            """);
        Assert.Equal("spin_unlock(&a->lock) releases a lock taken with spin_lock_bh() at line 3; use spin_unlock_bh()", findings[0].Message);
    }

    [Fact]
    public void Reports_a_double_unlock_on_one_path() => RuleRunner.AssertMarkedInNewFile(Rule, """
        static void acme_c(struct acme *a)
        {
        	mutex_lock(&a->m);
        	if (a->x)
        		mutex_unlock(&a->m);
        	[|mutex_unlock(&a->m);|]
        }
        """);

    [Fact]
    public void Accepts_matching_pairs_splits_that_keep_irqs_off_and_caller_held_locks() => RuleRunner.AssertMarkedInNewFile(Rule, """
        static void acme_d(struct acme *a)
        {
        	unsigned long flags;

        	spin_lock_irqsave(&a->lock, flags);
        	a->n++;
        	spin_unlock(&a->lock);
        	acme_poke(a);
        	spin_lock(&a->lock);
        	spin_unlock_irqrestore(&a->lock, flags);
        	read_lock(&a->rw);
        	read_unlock(&a->rw);
        }

        static void acme_e(struct acme *a)
        	__releases(&a->lock)
        {
        	spin_unlock(&a->lock);
        }
        """);
}
