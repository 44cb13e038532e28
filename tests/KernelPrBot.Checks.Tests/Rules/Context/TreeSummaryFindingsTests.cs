using KernelPrBot.Checks.Analysis;
using KernelPrBot.Checks.Index;
using KernelPrBot.Checks.Index.Summaries;
using KernelPrBot.Checks.Patches;
using KernelPrBot.Checks.Rules;
using KernelPrBot.Checks.Source;
using KernelPrBot.Testing;
using Xunit;

namespace KernelPrBot.Checks.Tests.Rules.Context;

/// <summary>
/// The sleep rules with a small tree's index: what only the whole tree shows (a callee that sleeps three calls down in
/// another file, a callback in a documented atomic slot, a helper whose caller in another file holds a spinlock).
/// </summary>
public sealed class TreeSummaryFindingsTests
{
    private const string Mcu = """
        int acme_mcu_send(struct acme *a, int cmd)
        {
        	int ret;

        	mutex_lock(&a->mcu_lock);
        	ret = acme_hw_write(a, cmd);
        	mutex_unlock(&a->mcu_lock);
        	return ret;
        }

        int acme_set_channel(struct acme *a, int ch)
        {
        	return acme_mcu_send(a, ch);
        }
        """;

    private const string Ring = """
        void acme_ring_kick(struct acme *a)
        {
        	writel(1, a->regs);
        }
        """;

    private const string Tx = """
        void acme_tx(struct acme *a)
        {
        	spin_lock_bh(&a->tx_lock);
        	acme_ring_kick(a);
        	spin_unlock_bh(&a->tx_lock);
        }

        void acme_reset(struct acme *a)
        {
        	acme_ring_kick(a);
        }
        """;

    private static SymbolIndex Index()
    {
        var builder = new SymbolIndexBuilder();
        builder.AddDocumentedSlots([new DocumentedSlot("net_device_ops", "ndo_start_xmit", "Context: BHs disabled", "Documentation/networking/netdevices.rst", 268)]);
        builder.AddSource(Mcu, "drivers/net/acme/mcu.c");
        builder.AddSource(Ring, "drivers/net/acme/ring.c");
        builder.AddSource(Tx, "drivers/net/acme/tx.c");
        return builder.Build();
    }

    private static List<Finding> Check(string path, string before, string after, bool withIndex = true)
    {
        var patch = new PatchBuilder().SignedOffByAuthor().ModifyFile(path, before, after).Build();
        var images = new Dictionary<(int, string), FileImages> { [(0, path)] = new FileImages(before.TrimEnd('\n').Split('\n'), after.TrimEnd('\n').Split('\n')) };
        var options = withIndex ? AnalysisOptions.Default with { Symbols = Index() } : AnalysisOptions.Default;
        return new Analyzer(RuleCatalog.All).Run(PatchParser.Parse(patch, "t.patch"), images, options).Findings.Where(f => f.Kind == FindingKind.Code).ToList();
    }

    [Fact]
    public void A_call_under_a_spinlock_to_a_tree_function_that_takes_a_mutex_two_calls_down_is_reported_with_the_chain()
    {
        var before = """
            void acme_irq_work(struct acme *a)
            {
            	spin_lock(&a->lock);
            	a->pending = 0;
            	spin_unlock(&a->lock);
            }
            """;
        var after = before.Replace("\ta->pending = 0;", "\ta->pending = 0;\n\tacme_set_channel(a, 6);", StringComparison.Ordinal);

        var finding = Assert.Single(Check("drivers/net/acme/work.c", before, after), f => f.RuleId == RuleIds.SleepInAtomic);
        Assert.Equal(5, finding.Line);
        Assert.StartsWith(
            "acme_set_channel() may sleep: it calls acme_mcu_send() (drivers/net/acme/mcu.c:13), which calls mutex_lock() (drivers/net/acme/mcu.c:5); but spin_lock(&a->lock) taken at line 3 is held",
            finding.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Check("drivers/net/acme/work.c", before, after, withIndex: false), f => f.RuleId == RuleIds.SleepInAtomic);
    }

    [Fact]
    public void A_sleeping_call_added_to_an_ndo_start_xmit_callback_is_reported_as_atomic_by_the_documented_slot()
    {
        var before = """
            static netdev_tx_t acme_xmit(struct sk_buff *skb, struct net_device *dev)
            {
            	return NETDEV_TX_OK;
            }

            static const struct net_device_ops acme_ops = {
            	.ndo_start_xmit = acme_xmit,
            };
            """;
        var after = before.Replace("\treturn NETDEV_TX_OK;", "\tacme_set_channel(netdev_priv(dev), 1);\n\treturn NETDEV_TX_OK;", StringComparison.Ordinal);

        var finding = Assert.Single(Check("drivers/net/acme/main.c", before, after), f => f.RuleId == RuleIds.SleepInAtomic);
        Assert.Equal(3, finding.Line);
        Assert.Contains("acme_xmit() runs as the .ndo_start_xmit callback of struct net_device_ops", finding.Message, StringComparison.Ordinal);
        Assert.Contains("Documentation/networking/netdevices.rst:268", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_helper_made_to_sleep_is_reported_when_a_caller_in_another_file_holds_a_spinlock()
    {
        var after = Ring.Replace("\twritel(1, a->regs);", "\tmutex_lock(&a->ring_lock);\n\twritel(1, a->regs);\n\tmutex_unlock(&a->ring_lock);", StringComparison.Ordinal);

        var finding = Assert.Single(Check("drivers/net/acme/ring.c", Ring, after), f => f.RuleId == RuleIds.SleepInAtomic);
        Assert.Equal(3, finding.Line);
        Assert.Equal(
            "acme_ring_kick() may sleep: it calls mutex_lock() (drivers/net/acme/ring.c:3); but acme_tx() calls it under spin_lock_bh() (drivers/net/acme/tx.c:4), which is atomic; keep acme_ring_kick() from sleeping, or change that caller",
            finding.Message);
        Assert.DoesNotContain(Check("drivers/net/acme/ring.c", Ring, Ring.Replace("writel(1", "writel(2", StringComparison.Ordinal)), f => f.RuleId == RuleIds.SleepInAtomic);
    }
}
