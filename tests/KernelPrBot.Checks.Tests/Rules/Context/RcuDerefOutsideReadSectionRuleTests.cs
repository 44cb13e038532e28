using KernelPrBot.Checks.Rules.Context;
using KernelPrBot.Testing;
using Xunit;

namespace KernelPrBot.Checks.Tests.Rules.Context;

public sealed class RcuDerefOutsideReadSectionRuleTests
{
    private static readonly RcuDerefOutsideReadSectionRule Rule = new();

    [Fact]
    public void Reports_a_dereference_before_the_read_section_opens() => RuleRunner.AssertMarkedInNewFile(Rule, """
        static int acme_peek(struct acme *a)
        {
        	struct acme_cfg *cfg = [|rcu_dereference(a->cfg);|]
        	int v;

        	rcu_read_lock();
        	cfg = rcu_dereference(a->cfg);
        	v = cfg->v;
        	rcu_read_unlock();
        	list_for_each_entry_rcu(a->it, &a->list, node)
        		v++;
        	return v;
        }
        """.Replace("list_for_each_entry_rcu(a->it", "[|list_for_each_entry_rcu|](a->it", StringComparison.Ordinal));

    [Fact]
    public void Accepts_guard_rcu_lockdep_conditions_update_side_locks_and_functions_without_their_own_section() => RuleRunner.AssertMarkedInNewFile(Rule, """
        static int acme_a(struct acme *a)
        {
        	guard(rcu)();
        	return rcu_dereference(a->cfg)->v;
        }

        static int acme_b(struct acme *a)
        {
        	struct acme_item *it;
        	int n = 0;

        	rcu_read_lock();
        	n += rcu_dereference(a->cfg)->v;
        	rcu_read_unlock();
        	spin_lock(&a->lock);
        	list_for_each_entry_rcu(it, &a->list, node, lockdep_is_held(&a->lock))
        		n++;
        	n += rcu_dereference(a->cfg)->v;
        	spin_unlock(&a->lock);
        	return n;
        }

        static struct acme_cfg *acme_cfg(struct acme *a)
        {
        	return rcu_dereference(a->cfg);
        }
        """);

    [Fact]
    public void With_full_files_reports_a_read_section_the_patch_removed()
    {
        const string Before = "static int f(struct acme *a)\n{\n\tint v;\n\n\trcu_read_lock();\n\tv = rcu_dereference(a->cfg)->v;\n\trcu_read_unlock();\n\treturn v;\n}\n";
        var after = Before.Replace("\trcu_read_lock();\n", string.Empty, StringComparison.Ordinal).Replace("\trcu_read_unlock();\n", string.Empty, StringComparison.Ordinal);
        Assert.Equal(5, Assert.Single(RuleRunner.RunWithImages(Rule, Before, after)).Line);
    }

    [Fact]
    public void With_full_files_reports_a_protected_read_turned_into_a_plain_one_outside_any_read_section()
    {
        // The base said how the pointer is protected (the update lock); the patch drops that and takes no
        // rcu_read_lock() either: lockdep-RCU's "suspicious rcu_dereference_check() usage".
        const string Before = "static struct acme_cfg *acme_cfg(struct acme *a)\n{\n\treturn rcu_dereference_protected(a->cfg, lockdep_is_held(&a->lock));\n}\n" +
                              "static struct acme_cfg *acme_dev_cfg(struct net_device *dev)\n{\n\treturn rtnl_dereference(dev->acme_cfg);\n}\n";
        var after = Before.Replace("rcu_dereference_protected(a->cfg, lockdep_is_held(&a->lock))", "rcu_dereference(a->cfg)", StringComparison.Ordinal)
                          .Replace("rtnl_dereference(dev->acme_cfg)", "rcu_dereference(dev->acme_cfg)", StringComparison.Ordinal);
        var findings = RuleRunner.RunWithImages(Rule, Before, after);
        Assert.Equal([3, 7], findings.Select(f => f.Line));
        Assert.Contains("the base version read it with rcu_dereference_protected()", findings[0].Message, StringComparison.Ordinal);
        Assert.Contains("the base version read it with rtnl_dereference()", findings[1].Message, StringComparison.Ordinal);

        // Another pointer, or the plain read inside a read section, is not the same change.
        var other = Before.Replace("rcu_dereference_protected(a->cfg, lockdep_is_held(&a->lock))", "rcu_dereference(a->stats)", StringComparison.Ordinal);
        Assert.Empty(RuleRunner.RunWithImages(Rule, Before, other));
        var inside = Before.Replace("\treturn rcu_dereference_protected(a->cfg, lockdep_is_held(&a->lock));", "\tstruct acme_cfg *c;\n\n\trcu_read_lock();\n\tc = rcu_dereference(a->cfg);\n\trcu_read_unlock();\n\treturn c;", StringComparison.Ordinal);
        Assert.Empty(RuleRunner.RunWithImages(Rule, Before, inside));
    }

    [Fact]
    public void A_plain_read_under_a_mutex_the_function_took_has_no_read_section_from_its_callers() => RuleRunner.AssertMarkedInNewFile(Rule, """
        static int acme_set(struct acme *a, int v)
        {
        	struct acme_cfg *c;

        	mutex_lock(&a->lock);
        	c = [|rcu_dereference(a->cfg);|]
        	c->v = v;
        	mutex_unlock(&a->lock);
        	return 0;
        }

        static int acme_get(struct acme *a)
        {
        	int v;

        	mutex_lock(&a->lock);
        	rcu_read_lock();
        	v = rcu_dereference(a->cfg)->v;
        	rcu_read_unlock();
        	v += rcu_dereference_protected(a->cfg, lockdep_is_held(&a->lock))->w;
        	mutex_unlock(&a->lock);
        	return v;
        }

        static int acme_peek(struct acme *a)
        {
        	return rcu_dereference(a->cfg)->v;
        }

        static void acme_shutdown(struct acme *a)
        {
        	struct acme_node *n;
        	int idx;

        	mutex_lock(&acme_close_lock);
        	idx = srcu_read_lock(&acme_srcu);
        	hlist_for_each_entry_rcu(n, &a->nodes, hlist)
        		acme_node_stop(n);
        	srcu_read_unlock(&acme_srcu, idx);
        	mutex_unlock(&acme_close_lock);
        }
        """);
}
