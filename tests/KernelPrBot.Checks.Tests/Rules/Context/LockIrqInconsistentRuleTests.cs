using KernelPrBot.Checks.Analysis;
using KernelPrBot.Checks.Index;
using KernelPrBot.Checks.Patches;
using KernelPrBot.Checks.Rules;
using KernelPrBot.Checks.Rules.Context;
using KernelPrBot.Checks.Source;
using KernelPrBot.Testing;
using Xunit;

namespace KernelPrBot.Checks.Tests.Rules.Context;

public sealed class LockIrqInconsistentRuleTests
{
    private static readonly LockIrqInconsistentRule Rule = new();

    private const string Timer = """
        static void acme_watchdog(struct timer_list *t)
        {
        	struct acme_priv *priv = from_timer(priv, t, watchdog);

        	spin_lock(&priv->stats_lock);
        	priv->ticks++;
        	spin_unlock(&priv->stats_lock);
        }

        static irqreturn_t acme_isr(int irq, void *data)
        {
        	struct acme_priv *priv = data;

        	spin_lock(&priv->irq_lock);
        	priv->events++;
        	spin_unlock(&priv->irq_lock);
        	return IRQ_HANDLED;
        }

        static int acme_start(struct acme_priv *priv)
        {
        	timer_setup(&priv->watchdog, acme_watchdog, 0);
        	return request_irq(priv->irq, acme_isr, 0, "acme", priv);
        }

        """;

    [Fact]
    public void Reports_a_plain_spin_lock_in_process_context_of_a_lock_a_timer_callback_takes()
    {
        var findings = RuleRunner.AssertMarkedInNewFile(Rule, Timer + """
            static int acme_reset_stats(struct acme_priv *priv)
            {
            	mutex_lock(&priv->conf_mutex);
            	[|spin_lock(&priv->stats_lock);|]
            	priv->ticks = 0;
            	spin_unlock(&priv->stats_lock);
            	mutex_unlock(&priv->conf_mutex);
            	return 0;
            }
            """);
        Assert.StartsWith(
            "spin_lock(&priv->stats_lock) takes a lock of class acme_priv->stats_lock in process context (acme_reset_stats() may sleep: it calls mutex_lock() (drivers/misc/acme.c:27)), but acme_watchdog() (timer callback (softirq) registered by timer_setup(), line 22) takes it with spin_lock() at drivers/misc/acme.c:5 in softirq context",
            findings[0].Message, StringComparison.Ordinal);
        Assert.EndsWith("use spin_lock_bh()", findings[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Reports_spin_lock_bh_of_a_lock_a_hard_irq_handler_takes()
    {
        var findings = RuleRunner.AssertMarkedInNewFile(Rule, Timer + """
            static int acme_drain(struct acme_priv *priv)
            {
            	mutex_lock(&priv->conf_mutex);
            	[|spin_lock_bh(&priv->irq_lock);|]
            	priv->events = 0;
            	spin_unlock_bh(&priv->irq_lock);
            	mutex_unlock(&priv->conf_mutex);
            	return 0;
            }
            """);
        Assert.EndsWith("use spin_lock_irqsave()", findings[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Is_silent_with_the_right_variant_in_a_function_that_may_not_sleep_and_for_other_locks()
    {
        RuleRunner.AssertMarkedInNewFile(Rule, Timer + """
            static int acme_reset_stats(struct acme_priv *priv)
            {
            	mutex_lock(&priv->conf_mutex);
            	spin_lock_bh(&priv->stats_lock);
            	priv->ticks = 0;
            	spin_unlock_bh(&priv->stats_lock);
            	spin_lock(&priv->conf_lock);
            	priv->conf = 0;
            	spin_unlock(&priv->conf_lock);
            	local_bh_disable();
            	spin_lock(&priv->stats_lock);
            	priv->ticks = 1;
            	spin_unlock(&priv->stats_lock);
            	local_bh_enable();
            	mutex_unlock(&priv->conf_mutex);
            	return 0;
            }

            static void acme_count(struct acme_priv *priv)
            {
            	spin_lock(&priv->stats_lock);
            	priv->ticks++;
            	spin_unlock(&priv->stats_lock);
            }
            """);
    }

    [Fact]
    public void A_tree_napi_poll_that_takes_the_lock_is_found_through_the_index()
    {
        var builder = new SymbolIndexBuilder();
        builder.AddSource("""
            static int acme_poll(struct napi_struct *napi, int budget)
            {
            	struct acme_ring *ring = container_of(napi, struct acme_ring, napi);

            	spin_lock(&ring->lock);
            	ring->done += budget;
            	spin_unlock(&ring->lock);
            	return 0;
            }

            void acme_ring_init(struct acme_ring *ring, struct net_device *dev)
            {
            	netif_napi_add(dev, &ring->napi, acme_poll);
            }
            """, "drivers/net/ethernet/acme/ring.c");
        var index = builder.Build();
        var before = """
            int acme_ring_flush(struct acme_ring *ring)
            {
            	mutex_lock(&ring->flush_mutex);
            	ring->done = 0;
            	mutex_unlock(&ring->flush_mutex);
            	return 0;
            }
            """;
        var after = before.Replace("\tring->done = 0;", "\tspin_lock(&ring->lock);\n\tring->done = 0;\n\tspin_unlock(&ring->lock);", StringComparison.Ordinal);
        var findings = RuleRunner.RunChangesWithImages([Rule], AnalysisOptions.Default with { Symbols = index }, ("drivers/net/ethernet/acme/main.c", before, after));

        var finding = Assert.Single(findings);
        Assert.Equal(4, finding.Line);
        Assert.Contains("acme_poll() (NAPI poll (softirq) registered by netif_napi_add()) takes it with spin_lock() at drivers/net/ethernet/acme/ring.c:5", finding.Message, StringComparison.Ordinal);
    }
}
