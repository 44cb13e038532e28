using KernelPrBot.Checks.Rules.Context;
using KernelPrBot.Testing;
using Xunit;

namespace KernelPrBot.Checks.Tests.Rules.Context;

public sealed class LockNotReleasedRuleTests
{
    private static readonly LockNotReleasedRule Rule = new();

    [Fact]
    public void Reports_an_early_return_that_skips_the_unlock()
    {
        var findings = RuleRunner.AssertMarkedInNewFile(Rule, """
            static int acme_set(struct acme *a, int v)
            {
            	mutex_lock(&a->mutex);
            	if (v < 0)
            		[|return -EINVAL;|]
            	a->v = v;
            	mutex_unlock(&a->mutex);
            	return 0;
            }
            """);
        Assert.Equal("mutex_lock(&a->mutex) taken at line 3 is still held at 'return -EINVAL', while other paths release it; unlock before returning", findings[0].Message);
    }

    [Fact]
    public void Follows_goto_ladders_and_reports_the_wrong_label() => RuleRunner.AssertMarkedInNewFile(Rule, """
        static int acme_start(struct acme *a)
        {
        	int ret;

        	spin_lock(&a->lock);
        	ret = acme_check(a);
        	if (ret)
        		goto err_unlock;
        	ret = acme_go(a);
        	if (ret)
        		goto err;
        	spin_unlock(&a->lock);
        	return 0;

        err_unlock:
        	spin_unlock(&a->lock);
        err:
        	[|return ret;|]
        }
        """);

    [Fact]
    public void Interruptible_locks_do_not_hold_on_failure() => RuleRunner.AssertMarkedInNewFile(Rule, """
        static int acme_ioctl(struct acme *a)
        {
        	int ret;

        	ret = mutex_lock_interruptible(&a->mutex);
        	if (ret)
        		return ret;
        	if (a->dead) {
        		mutex_unlock(&a->mutex);
        		return -ENODEV;
        	}
        	if (down_interruptible(&a->sem))
        		[|return -EINTR;|]
        	up(&a->sem);
        	mutex_unlock(&a->mutex);
        	return 0;
        }
        """);

    [Fact]
    public void Leaves_lock_wrappers_guards_loops_and_switches_alone() => RuleRunner.AssertMarkedInNewFile(Rule, """
        static void acme_lock(struct acme *a)
        	__acquires(&a->lock)
        {
        	spin_lock(&a->lock);
        }

        static bool acme_trylock_dev(struct acme *a)
        {
        	spin_lock(&a->lock);
        	if (a->busy) {
        		spin_unlock(&a->lock);
        		return false;
        	}
        	return true;
        }

        static int acme_scan(struct acme *a)
        {
        	struct acme_item *it;

        	guard(mutex)(&a->mutex);
        	list_for_each_entry(it, &a->items, node) {
        		if (it->bad)
        			return -EIO;
        	}
        	switch (a->mode) {
        	case 1:
        		spin_lock(&a->lock);
        		a->n++;
        		spin_unlock(&a->lock);
        		break;
        	default:
        		break;
        	}
        	return 0;
        }
        """);

    [Fact]
    public void With_full_files_reports_the_unlock_a_patch_deleted_on_the_return_line()
    {
        const string Before = "static int f(struct acme *a)\n{\n\tmutex_lock(&a->m);\n\tif (a->bad) {\n\t\tmutex_unlock(&a->m);\n\t\treturn -EIO;\n\t}\n\tmutex_unlock(&a->m);\n\treturn 0;\n}\n";
        var after = Before.Replace("\t\tmutex_unlock(&a->m);\n", string.Empty, StringComparison.Ordinal);
        var finding = Assert.Single(RuleRunner.RunWithImages(Rule, Before, after));
        Assert.Equal(5, finding.Line);
    }

    [Fact]
    public void With_full_files_reports_a_deleted_only_unlock_that_every_path_of_the_base_took()
    {
        // With one path there are no "other paths" that release: the base, where every path released, is the evidence.
        const string Before = "static int f(struct acme *a)\n{\n\tmutex_lock(&a->m);\n\ta->n++;\n\tmutex_unlock(&a->m);\n\treturn 0;\n}\n";
        var after = Before.Replace("\tmutex_unlock(&a->m);\n", string.Empty, StringComparison.Ordinal);
        var finding = Assert.Single(RuleRunner.RunWithImages(Rule, Before, after));
        Assert.Equal(5, finding.Line);
        Assert.Contains("before this patch every path released it", finding.Message, StringComparison.Ordinal);

        // An early return before the lock is taken does not hide it.
        const string Guarded = "static int h(struct acme *a)\n{\n\tif (!a->up)\n\t\treturn -ENODEV;\n\tmutex_lock(&a->m);\n\ta->n++;\n\tmutex_unlock(&a->m);\n\treturn 0;\n}\n";
        var guardedAfter = Guarded.Replace("\tmutex_unlock(&a->m);\n", string.Empty, StringComparison.Ordinal);
        Assert.Equal(7, Assert.Single(RuleRunner.RunWithImages(Rule, Guarded, guardedAfter)).Line);

        // Handing the unlock to a helper the base did not call may well release it: not reported.
        var handed = Before.Replace("\tmutex_unlock(&a->m);\n", "\tacme_finish(a);\n", StringComparison.Ordinal);
        Assert.Empty(RuleRunner.RunWithImages(Rule, Before, handed));

        // A function that never released it in the base (a lock wrapper by another name) is not the patch's doing.
        const string Holder = "static int g(struct acme *a)\n{\n\tmutex_lock(&a->m);\n\ta->n++;\n\treturn 0;\n}\n";
        Assert.Empty(RuleRunner.RunWithImages(Rule, Holder, Holder.Replace("a->n++;", "a->n += 2;", StringComparison.Ordinal)));
    }

    [Fact]
    public void A_lock_and_its_unlock_under_the_same_static_key_test_take_the_same_branch() => RuleRunner.AssertMarkedInNewFile(Rule, """
        static void acme_account(struct acme *a)
        {
        	if (static_branch_unlikely(&acme_locked_stats))
        		spin_lock(&a->stats_lock);
        	a->packets++;
        	if (static_branch_unlikely(&acme_locked_stats))
        		spin_unlock(&a->stats_lock);
        }

        static int acme_count(struct acme *a)
        {
        	if (static_key_enabled(&acme_key.key))
        		mutex_lock(&a->lock);
        	if (a->dead)
        		[|return -ENODEV;|]
        	if (static_key_enabled(&acme_key.key))
        		mutex_unlock(&a->lock);
        	return 0;
        }
        """);
}
