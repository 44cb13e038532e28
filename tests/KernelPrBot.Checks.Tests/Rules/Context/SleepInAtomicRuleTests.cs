using KernelPrBot.Checks.Rules.Context;
using KernelPrBot.Testing;
using Xunit;

namespace KernelPrBot.Checks.Tests.Rules.Context;

public sealed class SleepInAtomicRuleTests
{
    private static readonly SleepInAtomicRule Rule = new();

    [Fact]
    public void Reports_sleeping_calls_under_spinlocks_and_rcu() => RuleRunner.AssertMarkedInNewFile(Rule, """
        static int acme_reset(struct acme *a)
        {
        	spin_lock_bh(&a->lock);
        	[|msleep(10);|]
        	[|mutex_lock(&a->cfg_mutex);|]
        	mutex_unlock(&a->cfg_mutex);
        	spin_unlock_bh(&a->lock);

        	rcu_read_lock();
        	if ([|copy_to_user(a->ubuf, a->kbuf, a->len)|])
        		a->err = -EFAULT;
        	rcu_read_unlock();

        	preempt_disable();
        	[|wait_for_completion(&a->done);|]
        	preempt_enable();
        	msleep(10);
        	return 0;
        }
        """);

    [Fact]
    public void Understands_scoped_guards_and_guard_until_end_of_scope() => RuleRunner.AssertMarkedInNewFile(Rule, """
        static void acme_cfg(struct acme *a)
        {
        	scoped_guard(spinlock_irqsave, &a->lock) {
        		[|usleep_range(10, 20);|]
        	}
        	msleep(1);
        	{
        		guard(spinlock)(&a->lock);
        		[|schedule();|]
        	}
        	msleep(1);
        	guard(mutex)(&a->mutex);
        	msleep(1);
        }
        """);

    [Fact]
    public void Trylock_holds_only_on_success() => RuleRunner.AssertMarkedInNewFile(Rule, """
        static void acme_poll(struct acme *a)
        {
        	if (!spin_trylock(&a->lock)) {
        		msleep(1);
        		return;
        	}
        	[|msleep(1);|]
        	spin_unlock(&a->lock);
        	if (spin_trylock_irqsave(&a->lock, a->flags)) {
        		[|ssleep(1);|]
        		spin_unlock_irqrestore(&a->lock, a->flags);
        	}
        	msleep(1);
        }
        """);

    [Fact]
    public void Reports_in_irq_handler_but_not_in_the_threaded_handler() => RuleRunner.AssertMarkedInNewFile(Rule, """
        static irqreturn_t acme_hard(int irq, void *data)
        {
        	[|msleep(1);|]
        	return IRQ_WAKE_THREAD;
        }

        static irqreturn_t acme_thread(int irq, void *data)
        {
        	msleep(1);
        	return IRQ_HANDLED;
        }

        static int acme_probe(struct acme *a)
        {
        	return request_threaded_irq(a->irq, acme_hard, acme_thread, IRQF_ONESHOT, "acme", a);
        }
        """);

    [Fact]
    public void Conditional_locking_on_the_same_condition_is_understood() => RuleRunner.AssertMarkedInNewFile(Rule, """
        static void acme_maybe(struct acme *a, bool atomic)
        {
        	if (atomic)
        		spin_lock(&a->lock);
        	a->n++;
        	if (atomic)
        		spin_unlock(&a->lock);
        	msleep(1);
        	if (!IS_ENABLED(CONFIG_PREEMPT_RT))
        		preempt_disable();
        	a->n++;
        	if (!IS_ENABLED(CONFIG_PREEMPT_RT))
        		preempt_enable();
        	msleep(1);
        }
        """);
}
