using KernelPrBot.Checks.Index;
using KernelPrBot.Checks.Index.Summaries;
using Xunit;

namespace KernelPrBot.Checks.Tests.Index;

/// <summary>The lock facts of the index (wrappers, locks taken on every path, requirements, RCU needs), from small trees read back through it.</summary>
public sealed class LockFactSummaryTests
{
    private static TreeKnowledge Build(params (string Path, string Text)[] files)
    {
        var builder = new SymbolIndexBuilder();
        foreach (var (path, text) in files)
        {
            builder.AddSource(text, path);
        }

        return new TreeKnowledge(builder.Build());
    }

    private static string Facts(TreeKnowledge tree, string name, string from = "drivers/other/x.c") =>
        string.Join("; ", tree.LockFacts(name, from).OrderBy(f => f.Kind).Select(f => $"{f.Kind} {f.Lock} {f.By}:{f.Line}"));

    private const string Wrappers = """
        static inline void wiphy_lock(struct wiphy *wiphy)
        	__acquires(&wiphy->mtx)
        {
        	mutex_lock(&wiphy->mtx);
        	__acquire(&wiphy->mtx);
        }

        static inline void wiphy_unlock(struct wiphy *wiphy)
        	__releases(&wiphy->mtx)
        {
        	__release(&wiphy->mtx);
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
        """;

    [Fact]
    public void Acquire_and_release_wrappers_name_their_lock_through_the_parameter_or_as_the_global_it_is()
    {
        var tree = Build(("include/net/cfg80211.h", Wrappers));

        Assert.Equal("T &{0}->mtx mutex_lock:4", Facts(tree, "wiphy_lock"));
        Assert.Equal("U &{0}->mtx mutex_unlock:12", Facts(tree, "wiphy_unlock"));
        Assert.Equal("Q &{0}->mtx lockdep_assert_held:17", Facts(tree, "lockdep_assert_wiphy"));
        Assert.Equal("T &obd_devs xa_lock:22", Facts(tree, "obd_device_lock"));
        Assert.Equal("U &obd_devs xa_unlock:27", Facts(tree, "obd_device_unlock"));
    }

    [Fact]
    public void A_lockdep_assert_wrapper_passes_its_requirement_to_the_caller_with_the_argument_put_in()
    {
        var tree = Build(
            ("include/net/cfg80211.h", Wrappers),
            ("net/mac80211/iface.c", """
                int ieee80211_do_open(struct ieee80211_local *local, bool coming_up)
                {
                	lockdep_assert_wiphy(local->hw.wiphy);
                	return drv_start(local);
                }
                """));

        Assert.Equal("Q &{0}->hw.wiphy->mtx lockdep_assert_wiphy:3", Facts(tree, "ieee80211_do_open"));
    }

    [Fact]
    public void Locks_taken_on_the_main_line_are_facts_and_those_taken_in_a_branch_after_a_return_or_through_a_local_are_not()
    {
        var tree = Build(("drivers/net/acme/main.c", """
            int acme_set(struct acme *a, int v)
            {
            	mutex_lock(&a->conf_mutex);
            	a->v = v;
            	mutex_unlock(&a->conf_mutex);
            	return 0;
            }

            int acme_maybe(struct acme *a, int v)
            {
            	if (v)
            		mutex_lock(&a->conf_mutex);
            	a->v = v;
            	if (v)
            		mutex_unlock(&a->conf_mutex);
            	return 0;
            }

            int acme_early(struct acme *a, int v)
            {
            	if (!v)
            		return -EINVAL;
            	mutex_lock(&a->conf_mutex);
            	a->v = v;
            	mutex_unlock(&a->conf_mutex);
            	return 0;
            }

            int acme_local(struct acme_dev *dev)
            {
            	struct acme *a = dev->priv;

            	mutex_lock(&a->conf_mutex);
            	a->v = 0;
            	mutex_unlock(&a->conf_mutex);
            	return 0;
            }

            int acme_read(struct acme *a)
            {
            	down_read(&a->sem);
            	a->v = 1;
            	up_read(&a->sem);
            	return 0;
            }
            """));

        Assert.Equal("K &{0}->conf_mutex mutex_lock:3", Facts(tree, "acme_set"));
        Assert.Equal(string.Empty, Facts(tree, "acme_maybe"));
        Assert.Equal(string.Empty, Facts(tree, "acme_early"));
        Assert.Equal(string.Empty, Facts(tree, "acme_local"));
        Assert.Equal("K &{0}->sem down_read:41", Facts(tree, "acme_read")); // a read side waits for a caller's write hold
    }

    [Fact]
    public void Requirements_come_from_lockdep_asserts_protected_accessors_and_must_hold_but_not_from_a_lock_taken_first()
    {
        var tree = Build(("drivers/net/acme/sta.c", """
            static struct acme_sta *acme_sta_get(struct acme *a, int idx)
            {
            	return rcu_dereference_protected(a->stas[idx], lockdep_is_held(&a->sta_mutex));
            }

            void acme_sta_flush(struct acme *a)
            	__must_hold(&a->lock)
            {
            	a->n = 0;
            }

            void acme_sta_assert(struct acme *a)
            {
            	mutex_lock(&a->sta_mutex);
            	lockdep_assert_held(&a->sta_mutex);
            	mutex_unlock(&a->sta_mutex);
            }

            void acme_sta_check(struct acme *a)
            {
            	rcu_dereference_check(a->sta, lockdep_is_held(&a->sta_mutex));
            }
            """));

        Assert.Equal("Q &{0}->sta_mutex rcu_dereference_protected:3", Facts(tree, "acme_sta_get", "drivers/net/acme/sta.c"));
        Assert.Equal("Q &{0}->lock __must_hold:7", Facts(tree, "acme_sta_flush"));
        Assert.Equal("K &{0}->sta_mutex mutex_lock:14", Facts(tree, "acme_sta_assert"));
        Assert.Equal(string.Empty, Facts(tree, "acme_sta_check")); // _check means "RCU, or the lock"
    }

    [Fact]
    public void Rcu_needs_propagate_to_callers_without_a_read_section_and_stop_at_one()
    {
        var tree = Build(
            ("net/mac80211/sta_info.c", """
                struct sta_info *sta_info_get(struct ieee80211_sub_if_data *sdata, const u8 *addr)
                {
                	struct sta_info *sta;

                	sta = rcu_dereference(sdata->local->sta_hash[addr[0]]);
                	return sta;
                }

                struct ieee80211_sta *ieee80211_find_sta(struct ieee80211_vif *vif, const u8 *addr)
                {
                	struct sta_info *sta = sta_info_get(vif_to_sdata(vif), addr);

                	return sta ? &sta->sta : NULL;
                }

                bool ieee80211_sta_known(struct ieee80211_vif *vif, const u8 *addr)
                {
                	bool known;

                	rcu_read_lock();
                	known = ieee80211_find_sta(vif, addr) != NULL;
                	rcu_read_unlock();
                	return known;
                }

                struct sta_info *sta_info_get_locked(struct ieee80211_sub_if_data *sdata, const u8 *addr)
                {
                	struct sta_info *sta;

                	spin_lock_bh(&sdata->local->sta_lock);
                	sta = sta_info_get(sdata, addr);
                	spin_unlock_bh(&sdata->local->sta_lock);
                	return sta;
                }
                """));

        var chain = tree.NeedsRcu("ieee80211_find_sta", "drivers/net/wireless/acme/main.c");
        Assert.NotNull(chain);
        Assert.Equal("ieee80211_find_sta:sta_info_get:11 > sta_info_get:rcu_dereference:5", string.Join(" > ", chain.Select(s => $"{s.Function}:{s.Callee}:{s.Line}")));
        Assert.Equal("net/mac80211/sta_info.c", chain[0].Path);
        Assert.Null(tree.NeedsRcu("ieee80211_sta_known", "x.c"));
        Assert.Null(tree.NeedsRcu("sta_info_get_locked", "x.c")); // a spinlock held: left out
    }

    [Fact]
    public void A_function_that_may_sleep_or_reads_under_a_mutex_or_only_names_a_slot_needs_no_rcu_from_its_callers()
    {
        var tree = Build(("drivers/net/acme/peer.c", """
            struct acme_peer *acme_peer_get_sleepy(struct acme *a)
            {
            	msleep(1);
            	return rcu_dereference(a->peer);
            }

            struct acme_peer *acme_peer_get_locked(struct acme *a)
            {
            	struct acme_peer *p;

            	mutex_lock(&a->peer_mutex);
            	p = rcu_dereference(a->peer);
            	mutex_unlock(&a->peer_mutex);
            	return p;
            }

            void acme_peer_unlink(struct acme *a)
            {
            	struct hlist_node *n = hlist_first_rcu(&a->peers);

            	a->first = n;
            }

            int acme_peer_count(struct acme *a)
            {
            	return acme_peer_get_sleepy(a) != NULL;
            }
            """));

        Assert.Null(tree.NeedsRcu("acme_peer_get_sleepy", "x.c"));
        Assert.Null(tree.NeedsRcu("acme_peer_get_locked", "x.c"));
        Assert.Null(tree.NeedsRcu("acme_peer_unlink", "x.c"));
        Assert.Null(tree.NeedsRcu("acme_peer_count", "x.c"));
    }

    [Fact]
    public void Kernel_doc_that_says_the_caller_holds_rcu_seeds_the_need_and_one_naming_an_alternative_does_not()
    {
        var tree = Build(
            ("include/net/mac80211.h", """
                /**
                 * ieee80211_find_sta - find a station
                 *
                 * @vif: virtual interface to look for station on
                 * @addr: station's address
                 *
                 * Return: The station, if found. %NULL otherwise.
                 *
                 * Note: This function must be called under RCU lock and the
                 * resulting pointer is only valid under RCU lock as well.
                 */
                struct ieee80211_sta *ieee80211_find_sta(struct ieee80211_vif *vif, const u8 *addr);

                /**
                 * ieee80211_find_any - find a station anywhere
                 * @addr: station's address
                 *
                 * Must be called with RCU or the RTNL held.
                 */
                struct ieee80211_sta *ieee80211_find_any(const u8 *addr);
                """),
            ("net/mac80211/sta_info.c", """
                struct ieee80211_sta *ieee80211_find_sta(struct ieee80211_vif *vif, const u8 *addr)
                {
                	return sta_lookup(vif, addr);
                }

                struct ieee80211_sta *ieee80211_find_any(const u8 *addr)
                {
                	return sta_lookup(NULL, addr);
                }
                """));

        var chain = tree.NeedsRcu("ieee80211_find_sta", "drivers/net/wireless/acme/main.c");
        Assert.NotNull(chain);
        Assert.Equal("kernel-doc:include/net/mac80211.h:must be called under RCU lock", Assert.Single(chain).Callee);
        Assert.Equal(9, chain[0].Line);
        Assert.Null(tree.NeedsRcu("ieee80211_find_any", "x.c"));
    }

    private const string PerCpuLock = """
        void cfs_percpt_lock(struct cfs_percpt_lock *pcl, int index)
        __acquires(pcl->pcl_locks)
        {
        	int i;

        	if (likely(index != CFS_PERCPT_LOCK_EX)) {
        		spin_lock(pcl->pcl_locks[index]);
        		return;
        	}
        	for (i = 0; i < pcl->ncpt; i++)
        		spin_lock(pcl->pcl_locks[i]);
        }

        void cfs_percpt_unlock(struct cfs_percpt_lock *pcl, int index)
        __releases(pcl->pcl_locks)
        {
        	int i;

        	if (likely(index != CFS_PERCPT_LOCK_EX)) {
        		spin_unlock(pcl->pcl_locks[index]);
        		return;
        	}
        	for (i = pcl->ncpt - 1; i >= 0; i--)
        		spin_unlock(pcl->pcl_locks[i]);
        }
        """;

    private const string NetLock = """
        static inline void lnet_net_lock(int cpt)
        {
        	cfs_percpt_lock(the_lnet.ln_net_lock, cpt);
        }

        static inline void lnet_net_unlock(int cpt)
        {
        	cfs_percpt_unlock(the_lnet.ln_net_lock, cpt);
        }

        static inline int lnet_net_lock_current(void)
        {
        	int cpt = lnet_cpt_current();

        	lnet_net_lock(cpt);
        	return cpt;
        }

        static inline void lnet_net_lock_maybe(int cpt, bool take)
        {
        	if (take)
        		lnet_net_lock(cpt);
        }
        """;

    [Fact]
    public void Sparse_annotations_are_the_contract_of_a_wrapper_whose_body_locks_under_conditions_and_wrappers_of_it_follow()
    {
        var tree = Build(("lnet/lnet/lock.c", PerCpuLock), ("lnet/include/lnet/lib-lnet.h", NetLock));

        Assert.Equal("T {0}->pcl_locks spin_lock:7", Facts(tree, "cfs_percpt_lock"));
        Assert.Equal("U {0}->pcl_locks spin_unlock:20", Facts(tree, "cfs_percpt_unlock"));
        var net = tree.LockFacts("lnet_net_lock_current", "lnet/lnet/api-ni.c");
        var fact = Assert.Single(net);
        Assert.Equal("the_lnet.ln_net_lock->pcl_locks", fact.Lock);
        Assert.Equal("lnet_net_lock() (lnet/include/lnet/lib-lnet.h:15), which takes it with spin_lock()", fact.ToString());
        Assert.Equal("U the_lnet.ln_net_lock->pcl_locks spin_unlock:8", Facts(tree, "lnet_net_unlock", "lnet/lnet/api-ni.c"));
        Assert.Equal(string.Empty, Facts(tree, "lnet_net_lock_maybe", "lnet/lnet/api-ni.c")); // in a branch: no contract
    }
}
