using KernelPrBot.Checks.Analysis;
using KernelPrBot.Checks.Index;
using KernelPrBot.Checks.Patches;
using KernelPrBot.Checks.Rules;
using KernelPrBot.Checks.Source;
using KernelPrBot.Testing;
using Xunit;

namespace KernelPrBot.Checks.Tests.Rules.Context;

/// <summary>
/// The locking rules with the lock facts of a small tree's index: wrappers and helpers defined in other files (an
/// acquire wrapper with its release wrapper, a global lock's wrappers, a helper that takes the caller's lock, a
/// lockdep_assert_*() wrapper, an RCU reader two calls down).
/// </summary>
public sealed class TreeLockFactFindingsTests
{
    private const string Header = """
        static inline void wiphy_lock(struct wiphy *wiphy)
        {
        	mutex_lock(&wiphy->mtx);
        }

        static inline void wiphy_unlock(struct wiphy *wiphy)
        {
        	mutex_unlock(&wiphy->mtx);
        }

        static inline void lockdep_assert_wiphy(struct wiphy *wiphy)
        {
        	lockdep_assert_held(&wiphy->mtx);
        }

        static inline void obd_device_lock(void)
        {
        	xa_lock(&obd_devs);
        }

        static inline void obd_device_unlock(void)
        {
        	xa_unlock(&obd_devs);
        }

        static inline void acme_hw_lock(struct acme *a)
        {
        	spin_lock_irq(&a->hw_lock);
        }
        """;

    private const string Core = """
        int acme_set_power(struct acme *a, int mode)
        {
        	mutex_lock(&a->conf_mutex);
        	a->mode = mode;
        	mutex_unlock(&a->conf_mutex);
        	return 0;
        }

        void acme_link_update(struct wiphy *wiphy, struct acme *a)
        {
        	lockdep_assert_wiphy(wiphy);
        	a->link = 1;
        }

        struct acme_sta *acme_sta_find(struct acme *a, int id)
        {
        	return acme_sta_lookup(a, id);
        }

        struct acme_sta *acme_sta_lookup(struct acme *a, int id)
        {
        	return rcu_dereference(a->stas[id]);
        }
        """;

    private static SymbolIndex Index()
    {
        var builder = new SymbolIndexBuilder();
        builder.AddSource(Header, "include/linux/acme.h");
        builder.AddSource(Core, "drivers/net/acme/core.c");
        return builder.Build();
    }

    private static List<Finding> Check(string before, string after, bool withIndex = true) =>
        RuleRunner.RunChangesWithImages(RuleCatalog.All, withIndex ? AnalysisOptions.Default with { Symbols = Index() } : AnalysisOptions.Default, ("drivers/net/acme/main.c", before, after));

    [Fact]
    public void An_early_return_between_a_tree_acquire_wrapper_and_its_release_wrapper_leaks_the_lock()
    {
        var before = """
            int acme_conf(struct wiphy *wiphy, struct acme *a, int v)
            {
            	wiphy_lock(wiphy);
            	if (v < 0) {
            		wiphy_unlock(wiphy);
            		return -EINVAL;
            	}
            	a->v = v;
            	wiphy_unlock(wiphy);
            	return 0;
            }
            """;
        var after = before.Replace("\t\twiphy_unlock(wiphy);\n\t\treturn -EINVAL;", "\t\treturn -EINVAL;", StringComparison.Ordinal);

        var finding = Assert.Single(Check(before, after), f => f.RuleId == RuleIds.LockNotReleased);
        Assert.Equal(5, finding.Line);
        Assert.StartsWith("wiphy_lock(wiphy), which calls mutex_lock() (include/linux/acme.h:3), taken at line 3 is still held at 'return -EINVAL'", finding.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Check(before, after, withIndex: false), f => f.RuleId == RuleIds.LockNotReleased);
    }

    [Fact]
    public void A_global_locks_wrappers_are_followed_too()
    {
        var before = """
            struct obd_device *class_str2obd(const char *name)
            {
            	struct obd_device *obd;
            	unsigned long i;

            	obd_device_lock();
            	xa_for_each(&obd_devs, i, obd) {
            		if (strcmp(name, obd->obd_name) == 0) {
            			obd_device_unlock();
            			return obd;
            		}
            	}
            	obd_device_unlock();
            	return NULL;
            }
            """;
        var after = before.Replace("\t\tif (strcmp(name, obd->obd_name) == 0) {", "\t\tif (!obd->obd_attached)\n\t\t\treturn NULL;\n\t\tif (strcmp(name, obd->obd_name) == 0) {", StringComparison.Ordinal);

        var finding = Assert.Single(Check(before, after), f => f.RuleId == RuleIds.LockNotReleased);
        Assert.Equal(9, finding.Line);
        Assert.Contains("obd_device_lock(), which calls xa_lock() (include/linux/acme.h:18)", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_acquire_wrapper_without_a_known_release_wrapper_is_not_followed()
    {
        var before = """
            void acme_hw_poke(struct acme *a)
            {
            	acme_hw_lock(a);
            	writel(1, a->regs);
            	acme_hw_release(a);
            }
            """;
        var after = before.Replace("\tacme_hw_release(a);", "\tacme_hw_release(a);\n\tmsleep(10);", StringComparison.Ordinal);

        Assert.DoesNotContain(Check(before, after), f => f.RuleId is RuleIds.SleepInAtomic or RuleIds.LockNotReleased);
    }

    [Fact]
    public void Calling_a_tree_helper_that_takes_the_held_mutex_is_a_recursion()
    {
        var before = """
            void acme_restart(struct acme *a)
            {
            	mutex_lock(&a->conf_mutex);
            	a->restarts++;
            	mutex_unlock(&a->conf_mutex);
            	acme_set_power(a, 1);
            }
            """;
        var after = before.Replace("\ta->restarts++;\n\tmutex_unlock(&a->conf_mutex);\n\tacme_set_power(a, 1);", "\ta->restarts++;\n\tacme_set_power(a, 1);\n\tmutex_unlock(&a->conf_mutex);", StringComparison.Ordinal);

        var finding = Assert.Single(Check(before, after), f => f.RuleId == RuleIds.LockRecursion);
        Assert.Equal(5, finding.Line);
        Assert.StartsWith("acme_set_power() takes &a->conf_mutex (mutex_lock() (drivers/net/acme/core.c:3)), which this path already holds", finding.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Check(before, after, withIndex: false), f => f.RuleId == RuleIds.LockRecursion);
    }

    [Fact]
    public void A_tree_function_that_asserts_the_wiphy_lock_through_a_wrapper_called_after_wiphy_unlock_is_reported()
    {
        var before = """
            void acme_bss_changed(struct wiphy *wiphy, struct acme *a)
            {
            	wiphy_lock(wiphy);
            	acme_link_update(wiphy, a);
            	wiphy_unlock(wiphy);
            }
            """;
        var after = before.Replace("\tacme_link_update(wiphy, a);\n\twiphy_unlock(wiphy);", "\twiphy_unlock(wiphy);\n\tacme_link_update(wiphy, a);", StringComparison.Ordinal);

        var finding = Assert.Single(Check(before, after), f => f.RuleId == RuleIds.LockContextRequired);
        Assert.Equal(5, finding.Line);
        Assert.Equal(
            "acme_link_update() needs &wiphy->mtx held: it calls lockdep_assert_wiphy() (drivers/net/acme/core.c:11); but this path released it before the call; take the lock around the call",
            finding.Message);
        Assert.DoesNotContain(Check(before, before.Replace("a);\n\twiphy_unlock", "a);\n\ta->n++;\n\twiphy_unlock", StringComparison.Ordinal)), f => f.RuleId == RuleIds.LockContextRequired);
    }

    [Fact]
    public void A_tree_rcu_reader_two_calls_down_is_reported_outside_the_callers_read_section_with_the_chain()
    {
        var before = """
            int acme_stats(struct acme *a, int id)
            {
            	struct acme_sta *sta;
            	int rx = 0;

            	rcu_read_lock();
            	sta = acme_sta_find(a, id);
            	if (sta)
            		rx = sta->rx;
            	rcu_read_unlock();
            	return rx;
            }
            """;
        var after = before.Replace("\trcu_read_lock();\n\tsta = acme_sta_find(a, id);", "\tsta = acme_sta_find(a, id);\n\trcu_read_lock();", StringComparison.Ordinal);

        var finding = Assert.Single(Check(before, after), f => f.RuleId == RuleIds.LockContextRequired);
        Assert.Equal(6, finding.Line);
        Assert.StartsWith(
            "acme_sta_find() needs rcu_read_lock() held: it calls acme_sta_lookup() (drivers/net/acme/core.c:17), which calls rcu_dereference() (drivers/net/acme/core.c:22) outside a read-side section of its own",
            finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_sleeping_allocation_under_a_wrapper_of_an_annotated_per_cpu_lock_is_reported()
    {
        var builder = new SymbolIndexBuilder();
        builder.AddSource("""
            void cfs_percpt_lock(struct cfs_percpt_lock *pcl, int index)
            __acquires(pcl->pcl_locks)
            {
            	if (index >= 0) {
            		spin_lock(pcl->pcl_locks[index]);
            		return;
            	}
            	spin_lock(pcl->pcl_locks[0]);
            }

            void cfs_percpt_unlock(struct cfs_percpt_lock *pcl, int index)
            __releases(pcl->pcl_locks)
            {
            	if (index >= 0) {
            		spin_unlock(pcl->pcl_locks[index]);
            		return;
            	}
            	spin_unlock(pcl->pcl_locks[0]);
            }
            """, "lnet/lnet/lock.c");
        builder.AddSource("""
            static inline void lnet_net_lock(int cpt)
            {
            	cfs_percpt_lock(the_lnet.ln_net_lock, cpt);
            }

            static inline void lnet_net_unlock(int cpt)
            {
            	cfs_percpt_unlock(the_lnet.ln_net_lock, cpt);
            }
            """, "lnet/include/lnet/lib-lnet.h");
        const string path = "lnet/lnet/api-ni.c";
        var before = """
            int lnet_discover(struct lnet_peer *lp, int n)
            {
            	int cpt = lnet_cpt_current();

            	lnet_net_lock(cpt);
            	lp->n = n;
            	lnet_net_unlock(cpt);
            	return 0;
            }
            """;
        var after = before.Replace("\tlp->n = n;", "\tlp->n = n;\n\tlp->buf = kmalloc(n, GFP_KERNEL);", StringComparison.Ordinal);
        var findings = RuleRunner.RunChangesWithImages(RuleCatalog.All, AnalysisOptions.Default with { Symbols = builder.Build() }, (path, before, after));

        var finding = Assert.Single(findings, f => f.RuleId == RuleIds.AtomicSleepingAlloc);
        Assert.Equal(7, finding.Line);
        Assert.Contains("lnet_net_lock(cpt), which calls cfs_percpt_lock() (lnet/include/lnet/lib-lnet.h:3), which takes it with spin_lock()", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_tree_helper_that_the_same_series_changes_is_not_judged_by_its_old_summary()
    {
        const string main = "drivers/net/acme/main.c";
        const string core = "drivers/net/acme/core.c";
        var mainBefore = """
            void acme_restart(struct acme *a)
            {
            	mutex_lock(&a->conf_mutex);
            	a->restarts++;
            	mutex_unlock(&a->conf_mutex);
            	acme_set_power(a, 1);
            }
            """;
        var mainAfter = mainBefore.Replace("\ta->restarts++;\n\tmutex_unlock(&a->conf_mutex);\n\tacme_set_power(a, 1);", "\ta->restarts++;\n\tacme_set_power(a, 1);\n\tmutex_unlock(&a->conf_mutex);", StringComparison.Ordinal);
        var coreAfter = Core.Replace("\tmutex_lock(&a->conf_mutex);\n\ta->mode = mode;\n\tmutex_unlock(&a->conf_mutex);", "\tlockdep_assert_held(&a->conf_mutex);\n\ta->mode = mode;", StringComparison.Ordinal);
        Assert.NotEqual(Core, coreAfter);
        var findings = RuleRunner.RunChangesWithImages(RuleCatalog.All, AnalysisOptions.Default with { Symbols = Index() }, (core, Core, coreAfter), (main, mainBefore, mainAfter));

        Assert.DoesNotContain(findings, f => f.RuleId == RuleIds.LockRecursion);
        Assert.Single(Check(mainBefore, mainAfter), f => f.RuleId == RuleIds.LockRecursion); // the same change alone still is one
    }
}
