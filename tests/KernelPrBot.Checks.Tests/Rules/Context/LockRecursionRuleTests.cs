using KernelPrBot.Checks.Rules.Context;
using KernelPrBot.Testing;
using Xunit;

namespace KernelPrBot.Checks.Tests.Rules.Context;

public sealed class LockRecursionRuleTests
{
    private static readonly LockRecursionRule Rule = new();

    [Fact]
    public void Reports_a_lock_taken_twice_on_one_path()
    {
        var findings = RuleRunner.AssertMarkedInNewFile(Rule, """
            static void acme_kick(struct acme *a)
            {
            	spin_lock(&a->lock);
            	a->kicks++;
            	if (a->pending)
            		[|spin_lock(&a->lock);|]
            	spin_unlock(&a->lock);
            }
            """);
        Assert.Equal("spin_lock(&a->lock) takes a lock this path already holds (spin_lock(&a->lock) taken at line 3); it is not recursive, so this deadlocks", findings[0].Message);
    }

    [Fact]
    public void Reports_a_call_to_a_helper_that_takes_the_held_lock_on_every_path()
    {
        var findings = RuleRunner.AssertMarkedInNewFile(Rule, """
            static int acme_set_mode(struct acme_dev *dev, int mode)
            {
            	mutex_lock(&dev->mutex);
            	dev->mode = mode;
            	mutex_unlock(&dev->mutex);
            	return 0;
            }

            static int acme_resume(struct acme_dev *dev)
            {
            	mutex_lock(&dev->mutex);
            	dev->suspended = false;
            	[|acme_set_mode(dev, dev->saved_mode);|]
            	mutex_unlock(&dev->mutex);
            	return 0;
            }
            """);
        Assert.Equal(
            "acme_set_mode() takes &dev->mutex (mutex_lock(&dev->mutex) at line 3), which this path already holds (mutex_lock(&dev->mutex) taken at line 11); it is not recursive, so this deadlocks",
            findings[0].Message);
    }

    [Fact]
    public void A_helper_that_takes_the_lock_only_on_some_paths_is_left_alone() => RuleRunner.AssertMarkedInNewFile(Rule, """
        static void acme_update(struct acme_dev *dev, bool locked)
        {
        	if (!locked)
        		mutex_lock(&dev->mutex);
        	dev->gen++;
        	if (!locked)
        		mutex_unlock(&dev->mutex);
        }

        static void acme_reset(struct acme_dev *dev)
        {
        	mutex_lock(&dev->mutex);
        	acme_update(dev, true);
        	mutex_unlock(&dev->mutex);
        }
        """);

    [Fact]
    public void Nested_read_side_and_try_acquisitions_are_not_recursion() => RuleRunner.AssertMarkedInNewFile(Rule, """
        static void acme_walk(struct acme *a)
        {
        	mutex_lock(&a->mutex);
        	mutex_lock_nested(&a->mutex, SINGLE_DEPTH_NESTING);
        	mutex_unlock(&a->mutex);
        	if (mutex_trylock(&a->mutex))
        		mutex_unlock(&a->mutex);
        	mutex_unlock(&a->mutex);
        	read_lock(&a->rw);
        	read_lock(&a->rw);
        	read_unlock(&a->rw);
        	read_unlock(&a->rw);
        	down_read(&a->sem);
        	down_read(&a->sem);
        	up_read(&a->sem);
        	up_read(&a->sem);
        }
        """);

    [Fact]
    public void The_same_name_for_another_lock_is_not_recursion() => RuleRunner.AssertMarkedInNewFile(Rule, """
        static void acme_chain(struct acme_node *n)
        {
        	spin_lock(&n->lock);
        	n = n->next;
        	spin_lock(&n->lock);
        	spin_unlock(&n->lock);
        }

        static void acme_all(struct acme *a)
        {
        	struct acme_node *pos;

        	list_for_each_entry(pos, &a->nodes, list) {
        		spin_lock(&pos->lock);
        		if (pos->busy)
        			continue;
        		spin_unlock(&pos->lock);
        	}
        }
        """);

    [Fact]
    public void A_lock_released_in_between_or_held_on_only_some_paths_is_not_recursion() => RuleRunner.AssertMarkedInNewFile(Rule, """
        static void acme_twice(struct acme *a, bool hold)
        {
        	spin_lock(&a->lock);
        	spin_unlock(&a->lock);
        	spin_lock(&a->lock);
        	spin_unlock(&a->lock);
        	if (hold)
        		spin_lock_irq(&a->other);
        	spin_lock_irq(&a->other);
        	spin_unlock_irq(&a->other);
        }
        """);

    [Fact]
    public void A_change_to_a_function_that_already_recursed_reports_nothing_new()
    {
        const string Before = """
            static void acme_kick(struct acme *a)
            {
            	spin_lock(&a->lock);
            	spin_lock(&a->lock);
            	spin_unlock(&a->lock);
            }
            """;
        var findings = RuleRunner.RunWithImages(Rule, Before + "\n", Before.Replace("spin_unlock(&a->lock);", "a->n++;\n\tspin_unlock(&a->lock);", StringComparison.Ordinal) + "\n");
        Assert.Empty(findings);
    }

    [Fact]
    public void Reports_a_read_side_taken_under_the_write_hold_directly_or_through_a_helper()
    {
        var findings = RuleRunner.AssertMarkedInNewFile(Rule, """
            static int acme_rpc_method(struct acme_sess *sess, int id)
            {
            	int method;

            	down_read(&sess->rpc_lock);
            	method = sess->methods[id];
            	up_read(&sess->rpc_lock);
            	return method;
            }

            static int acme_rpc_open(struct acme_sess *sess, int id)
            {
            	int ret;

            	down_write(&sess->rpc_lock);
            	[|ret = acme_rpc_method(sess, id);|]
            	up_write(&sess->rpc_lock);
            	return ret;
            }

            static void acme_rpc_close(struct acme_sess *sess)
            {
            	down_write(&sess->rpc_lock);
            	[|down_read(&sess->rpc_lock);|]
            	up_read(&sess->rpc_lock);
            	up_write(&sess->rpc_lock);
            }
            """);
        Assert.EndsWith("the read side waits for the write hold to end, so this deadlocks", findings[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_read_side_under_a_read_hold_or_after_a_downgrade_is_not_reported()
    {
        RuleRunner.AssertMarkedInNewFile(Rule, """
            static void acme_peek(struct acme_sess *sess)
            {
            	down_read(&sess->rpc_lock);
            	down_read(&sess->rpc_lock);
            	up_read(&sess->rpc_lock);
            	up_read(&sess->rpc_lock);
            }

            static void acme_publish(struct acme_sess *sess)
            {
            	down_write(&sess->rpc_lock);
            	sess->gen++;
            	downgrade_write(&sess->rpc_lock);
            	down_read(&sess->rpc_lock);
            	up_read(&sess->rpc_lock);
            	up_read(&sess->rpc_lock);
            }
            """);
    }
}
