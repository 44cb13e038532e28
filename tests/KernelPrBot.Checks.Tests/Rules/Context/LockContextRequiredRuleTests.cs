using KernelPrBot.Checks.Rules.Context;
using KernelPrBot.Testing;
using Xunit;

namespace KernelPrBot.Checks.Tests.Rules.Context;

public sealed class LockContextRequiredRuleTests
{
    private static readonly LockContextRequiredRule Rule = new();

    private const string Helpers = """
        static void acme_update_rate(struct acme_dev *dev, int rate)
        {
        	lockdep_assert_held(&dev->mutex);
        	dev->rate = rate;
        }

        static struct acme_sta *acme_first_sta(struct acme_dev *dev)
        {
        	return list_first_or_null_rcu(&dev->stas, struct acme_sta, list);
        }

        """;

    [Fact]
    public void Reports_a_call_of_a_helper_that_asserts_the_lock_after_the_path_released_it()
    {
        var findings = RuleRunner.AssertMarkedInNewFile(Rule, Helpers + """
            static int acme_set_rate(struct acme_dev *dev, int rate)
            {
            	mutex_lock(&dev->mutex);
            	dev->pending = true;
            	mutex_unlock(&dev->mutex);
            	[|acme_update_rate(dev, rate);|]
            	return 0;
            }
            """);
        Assert.Equal(
            "acme_update_rate() needs &dev->mutex held: it calls lockdep_assert_held() (drivers/misc/acme.c:3); but this path released it before the call; take the lock around the call",
            findings[0].Message);
    }

    [Fact]
    public void Reports_a_call_made_before_the_lock_that_the_function_takes_on_every_path()
    {
        var findings = RuleRunner.AssertMarkedInNewFile(Rule, Helpers + """
            static int acme_resume(struct acme_dev *dev)
            {
            	[|acme_update_rate(dev, 0);|]
            	mutex_lock(&dev->mutex);
            	dev->suspended = false;
            	mutex_unlock(&dev->mutex);
            	return 0;
            }
            """);
        Assert.Contains("has not taken it yet (mutex_lock(&dev->mutex) at line 14 takes it later on every path)", findings[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Is_silent_under_the_lock_and_where_a_flag_says_the_caller_holds_it()
    {
        RuleRunner.AssertMarkedInNewFile(Rule, Helpers + """
            static int acme_set_rate(struct acme_dev *dev, int rate)
            {
            	mutex_lock(&dev->mutex);
            	acme_update_rate(dev, rate);
            	mutex_unlock(&dev->mutex);
            	return 0;
            }

            static void acme_apply(struct acme_dev *dev, int rate, bool locked)
            {
            	if (!locked)
            		mutex_lock(&dev->mutex);
            	acme_update_rate(dev, rate);
            	if (!locked)
            		mutex_unlock(&dev->mutex);
            }

            static void acme_from_caller(struct acme_dev *dev)
            {
            	acme_update_rate(dev, 1);
            }
            """);
    }

    [Fact]
    public void Reports_a_protected_accessor_whose_named_lock_the_path_dropped()
    {
        var findings = RuleRunner.AssertMarkedInNewFile(Rule, """
            static void acme_reconf(struct acme_dev *dev)
            {
            	struct acme_conf *conf;

            	spin_lock(&dev->conf_lock);
            	dev->gen++;
            	spin_unlock(&dev->conf_lock);
            	[|conf = rcu_dereference_protected(dev->conf, lockdep_is_held(&dev->conf_lock));|]
            	conf->gen = dev->gen;
            }
            """);
        Assert.StartsWith("rcu_dereference_protected() needs &dev->conf_lock held: the accessor names it as the update-side lock", findings[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Reports_a_helper_that_reads_rcu_data_called_outside_the_callers_own_read_section()
    {
        var findings = RuleRunner.AssertMarkedInNewFile(Rule, Helpers + """
            static int acme_count(struct acme_dev *dev)
            {
            	struct acme_sta *sta;
            	int n = 0;

            	rcu_read_lock();
            	list_for_each_entry_rcu(sta, &dev->stas, list)
            		n++;
            	rcu_read_unlock();
            	[|sta = acme_first_sta(dev);|]
            	return sta ? n : 0;
            }

            static int acme_peek(struct acme_dev *dev)
            {
            	struct acme_sta *sta;

            	rcu_read_lock();
            	sta = acme_first_sta(dev);
            	rcu_read_unlock();
            	return sta != NULL;
            }

            static int acme_from_reader(struct acme_dev *dev)
            {
            	return acme_first_sta(dev) != NULL;
            }
            """);
        Assert.Equal(
            "acme_first_sta() needs rcu_read_lock() held: it calls list_first_or_null_rcu() (drivers/misc/acme.c:9) outside a read-side section of its own; but this call is outside an RCU read-side section (this function's read section starts at line 16); call it inside rcu_read_lock()/rcu_read_unlock()",
            findings[0].Message);
    }

    [Fact]
    public void An_rcu_helper_called_under_a_lock_is_left_alone_as_the_update_side_may_read_it_so()
    {
        // ovs: ct_limit_set() walks the limits with hlist_for_each_entry_rcu() under ovs_lock(), the update side.
        RuleRunner.AssertMarkedInNewFile(Rule, Helpers + """
            static int acme_scan_done(struct acme_dev *dev)
            {
            	struct acme_sta *sta;

            	rcu_read_lock();
            	dev->gen++;
            	rcu_read_unlock();
            	mutex_lock(&dev->mutex);
            	sta = acme_first_sta(dev);
            	mutex_unlock(&dev->mutex);
            	return sta != NULL;
            }
            """);
    }

    [Fact]
    public void Reports_only_what_the_patch_introduces()
    {
        var before = Helpers + """
            static int acme_set_rate(struct acme_dev *dev, int rate)
            {
            	mutex_lock(&dev->mutex);
            	acme_update_rate(dev, rate);
            	mutex_unlock(&dev->mutex);
            	return 0;
            }
            """;
        var after = before.Replace("\tacme_update_rate(dev, rate);\n\tmutex_unlock(&dev->mutex);", "\tmutex_unlock(&dev->mutex);\n\tacme_update_rate(dev, rate);", StringComparison.Ordinal);
        Assert.Single(RuleRunner.RunWithImages(Rule, before, after), f => f.RuleId == RuleIds.LockContextRequired);
        Assert.DoesNotContain(RuleRunner.RunWithImages(Rule, after, after.Replace("return 0;", "return 1;", StringComparison.Ordinal)), f => f.RuleId == RuleIds.LockContextRequired);
    }
}
