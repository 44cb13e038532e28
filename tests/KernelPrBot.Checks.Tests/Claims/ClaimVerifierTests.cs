using KernelPrBot.Checks.Analysis;
using KernelPrBot.Checks.Claims;
using KernelPrBot.Checks.Claims.Verification;
using KernelPrBot.Checks.Config;
using KernelPrBot.Checks.Patches;
using KernelPrBot.Checks.Rules;
using KernelPrBot.Checks.Source;
using KernelPrBot.Testing;
using Xunit;

namespace KernelPrBot.Checks.Tests.Claims;

/// <summary>Claims about a patched driver, each checked by the analysis (whole files, no index): one test per verdict path.</summary>
public sealed class ClaimVerifierTests
{
    private const string Path = "drivers/net/ethernet/acme/acme_main.c";

    private const string Before = """
        // SPDX-License-Identifier: GPL-2.0
        #include <linux/slab.h>
        #include <linux/spinlock.h>

        struct acme_priv {
        	spinlock_t lock;
        	struct mutex cfg_lock;
        	void *rx_buf;
        	unsigned int rx_len;
        };

        static int acme_reset(struct acme_priv *priv)
        {
        	priv->rx_len = 0;
        	return 0;
        }
        """;

    private static readonly string After = Before + """

        static void acme_wait_idle(struct acme_priv *priv)
        {
        	msleep(10);
        }

        static void acme_stop_rx(struct acme_priv *priv)
        {
        	spin_lock(&priv->lock);
        	acme_wait_idle(priv);
        	priv->rx_len = 0;
        	spin_unlock(&priv->lock);
        }

        static int acme_fill_rx(struct acme_priv *priv, unsigned int len)
        {
        	unsigned long flags;

        	spin_lock_irqsave(&priv->lock, flags);
        	priv->rx_buf = kmalloc(len, GFP_KERNEL);
        	priv->rx_len = len;
        	spin_unlock_irqrestore(&priv->lock, flags);
        	return priv->rx_buf ? 0 : -ENOMEM;
        }

        static int acme_grow_rx(struct acme_priv *priv, unsigned int len)
        {
        	void *buf = kmalloc(len, GFP_ATOMIC);

        	spin_lock(&priv->lock);
        	priv->rx_buf = buf;
        	spin_unlock(&priv->lock);
        	return 0;
        }

        static int acme_configure(struct acme_priv *priv, unsigned int len)
        {
        	acme_hw_lock(priv);
        	if (len > 4096)
        		return -EINVAL;
        	priv->rx_len = len;
        	acme_hw_unlock(priv);
        	return 0;
        }

        static int acme_open_rx(struct acme_priv *priv)
        {
        	int rc = 0;

        	mutex_lock(&priv->cfg_lock);
        	if (!priv->rx_buf) {
        		rc = -ENOMEM;
        		goto out;
        	}
        	mutex_unlock(&priv->cfg_lock);
        out:
        	return rc;
        }

        static int acme_swap(struct acme_priv *priv, struct acme_priv *other)
        {
        	mutex_lock(&priv->cfg_lock);
        	priv->rx_len = other->rx_len;
        	mutex_unlock(&other->cfg_lock);
        	return 0;
        }

        static int acme_set_len(struct acme_priv *priv, unsigned int len)
        {
        	mutex_lock(&priv->cfg_lock);
        	if (len == 0)
        		return -EINVAL;
        	priv->rx_len = len;
        	mutex_unlock(&priv->cfg_lock);
        	return 0;
        }

        static void acme_queue(struct acme_priv *priv, struct list_head *b)
        {
        	spin_lock(&priv->lock);
        	list_add(b, &priv->rx_queue);
        	spin_unlock(&priv->lock);
        }

        static void acme_drop_all(struct acme_priv *priv)
        {
        	spin_lock(&priv->lock);
        	list_del_init(&priv->rx_queue);
        	spin_unlock(&priv->lock);
        }

        static int acme_count(struct acme_priv *priv)
        {
        	int n;

        	spin_lock(&priv->lock);
        	n = list_count_nodes(&priv->rx_queue);
        	spin_unlock(&priv->lock);
        	return n;
        }

        static struct list_head *acme_peek(struct acme_priv *priv)
        {
        	struct list_head *first;

        	spin_lock(&priv->lock);
        	first = priv->rx_queue.next;
        	spin_unlock(&priv->lock);
        	return first;
        }

        static bool acme_idle(struct acme_priv *priv)
        {
        	return list_empty(&priv->rx_queue);
        }
        """;

    private static int Line(string text) => MarkedLine(After, text);

    private static int LineAfter(string start, string text)
    {
        var lines = After.Split('\n');
        var from = Array.FindIndex(lines, l => l.Contains(start, StringComparison.Ordinal));
        return Array.FindIndex(lines, from, l => l.Contains(text, StringComparison.Ordinal)) + 1;
    }

    private static int MarkedLine(string source, string text) => Array.FindIndex(source.Split('\n'), l => l.Contains(text, StringComparison.Ordinal)) + 1;

    private static AnalysisResult Verify(CheckConfig? config = null, params ModelClaim[] claims)
    {
        var patch = new PatchBuilder().SignedOffByAuthor().ModifyFile(Path, Before, After).Build();
        var series = PatchParser.Parse(patch, "test.patch");
        var images = new Dictionary<(int, string), FileImages> { [(0, Path)] = new(Before.Split('\n'), After.TrimEnd('\n').Split('\n')) };
        var answers = new ModelAnswers("model-x", [new PatchAnswer(null, null, claims, [], ClaimUsage.None)]);
        return new Analyzer(RuleCatalog.All, config).Run(series, images, new AnalysisOptions { Claims = answers });
    }

    private static VerifiedClaim One(ModelClaim claim) => Assert.Single(Verify(null, claim).Claims);

    private static ModelClaim Claim(string kind, int line, string file = Path) => new(file, line, kind, 0.7, "because the model says so");

    [Fact]
    public void A_sleep_claimed_at_the_call_of_a_sleeping_helper_is_the_finding_the_rule_makes_inside_it()
    {
        var line = Line("\tacme_wait_idle(priv);");
        var result = Verify(null, Claim(RuleIds.SleepInAtomic, line));
        var verdict = Assert.Single(result.Claims);

        Assert.Equal(ClaimVerdict.Confirmed, verdict.Verdict);
        Assert.True(verdict.AlreadyReported);
        Assert.Contains("acme_wait_idle() may sleep", verdict.Evidence, StringComparison.Ordinal);
        Assert.Contains("spin_lock(&priv->lock)", verdict.Evidence, StringComparison.Ordinal);
        Assert.Equal(Line("\tmsleep(10);"), verdict.Finding!.Line);
        Assert.DoesNotContain(result.Findings, f => f.Line == line);
    }

    [Fact]
    public void A_claim_the_rules_reported_is_confirmed_once_and_not_posted_twice()
    {
        var line = Line("kmalloc(len, GFP_KERNEL)");
        var result = Verify(null, Claim(RuleIds.AtomicSleepingAlloc, line + 1));

        var verdict = Assert.Single(result.Claims);
        Assert.Equal(ClaimVerdict.Confirmed, verdict.Verdict);
        Assert.True(verdict.AlreadyReported);
        Assert.Single(result.Findings, f => f.RuleId == RuleIds.AtomicSleepingAlloc);
        Assert.DoesNotContain(result.Findings, f => f.Message.Contains("proposed by", StringComparison.Ordinal));
    }

    [Fact]
    public void Contradicts_a_leak_claim_where_every_path_has_released_the_lock()
    {
        var verdict = One(Claim(RuleIds.LockNotReleased, Line("return priv->rx_buf ? 0 : -ENOMEM;")));

        Assert.Equal(ClaimVerdict.Contradicted, verdict.Verdict);
        Assert.Contains("released", verdict.Evidence, StringComparison.Ordinal);
        Assert.Null(verdict.Finding);
    }

    [Fact]
    public void A_leak_through_a_lock_call_the_analysis_does_not_model_is_not_checkable()
    {
        var verdict = One(Claim(RuleIds.LockNotReleased, Line("\t\treturn -EINVAL;")));

        Assert.Equal(ClaimVerdict.NotCheckable, verdict.Verdict);
        Assert.Contains("acme_hw_lock()", verdict.Evidence, StringComparison.Ordinal);
    }

    [Fact]
    public void A_leak_the_rules_report_is_confirmed_at_its_return()
    {
        var ret = LineAfter("static int acme_set_len", "\t\treturn -EINVAL;");
        var verdict = One(Claim(RuleIds.LockNotReleased, ret));

        Assert.Equal(ClaimVerdict.Confirmed, verdict.Verdict);
        Assert.True(verdict.AlreadyReported);
    }

    [Fact]
    public void Contradicts_a_sleeping_allocation_claim_on_a_gfp_atomic_call()
    {
        var verdict = One(Claim(RuleIds.AtomicSleepingAlloc, Line("kmalloc(len, GFP_ATOMIC)")));

        Assert.Equal(ClaimVerdict.Contradicted, verdict.Verdict);
        Assert.Contains("cannot sleep", verdict.Evidence, StringComparison.Ordinal);
    }

    [Fact]
    public void A_recursion_claim_where_no_path_of_the_function_holds_the_lock_is_left_to_the_callers()
    {
        var verdict = One(Claim(RuleIds.LockRecursion, Line("\tspin_lock(&priv->lock);")));

        Assert.Equal(ClaimVerdict.NotCheckable, verdict.Verdict);
        Assert.Contains("callers", verdict.Evidence, StringComparison.Ordinal);
    }

    [Fact]
    public void A_leak_claimed_at_the_goto_is_the_finding_the_rule_makes_at_the_return()
    {
        var verdict = One(Claim(RuleIds.LockNotReleased, LineAfter("static int acme_open_rx", "\t\tgoto out;")));

        Assert.Equal(ClaimVerdict.Confirmed, verdict.Verdict);
        Assert.True(verdict.AlreadyReported);
        Assert.Contains("'goto out'", verdict.Evidence, StringComparison.Ordinal);
    }

    [Fact]
    public void Confirms_the_wrong_lock_released_which_no_rule_reports()
    {
        var line = LineAfter("static int acme_swap", "mutex_unlock(&other->cfg_lock);");
        var result = Verify(null, Claim(RuleIds.LockNotReleased, line));

        var verdict = Assert.Single(result.Claims);
        Assert.Equal(ClaimVerdict.Confirmed, verdict.Verdict);
        Assert.False(verdict.AlreadyReported);
        var finding = Assert.Single(result.Findings, f => f.Line == line && f.RuleId == RuleIds.LockNotReleased);
        Assert.Contains("releases a lock no path holds here, while mutex_lock(&priv->cfg_lock)", finding.Message, StringComparison.Ordinal);
        Assert.Contains("(proposed by model-x; confirmed by the analysis)", finding.Message, StringComparison.Ordinal);
        var without = Verify();
        Assert.DoesNotContain(without.Findings, f => f.Line == line || f.Line == line + 1);
    }

    [Fact]
    public void Confirms_a_field_used_without_the_lock_that_guards_it_everywhere_else_in_the_file()
    {
        var line = Line("return list_empty(&priv->rx_queue);");
        var result = Verify(null, Claim(RuleIds.LockContextRequired, line));

        var verdict = Assert.Single(result.Claims);
        Assert.Equal(ClaimVerdict.Confirmed, verdict.Verdict);
        Assert.Contains("rx_queue is accessed with lock held at 4 of its 4 other places in this file", verdict.Evidence, StringComparison.Ordinal);
        Assert.Equal(RuleIds.LockContextRequired, Assert.Single(result.Findings, f => f.Line == line).RuleId);
    }

    [Fact]
    public void Contradicts_a_missing_lock_claim_where_every_path_holds_the_inferred_guard()
    {
        var verdict = One(Claim(RuleIds.LockContextRequired, Line("n = list_count_nodes(&priv->rx_queue);")));

        Assert.Equal(ClaimVerdict.Contradicted, verdict.Verdict);
        Assert.Contains("every path reaching line", verdict.Evidence, StringComparison.Ordinal);
    }

    [Fact]
    public void Other_kinds_are_not_checkable_and_never_become_findings()
    {
        var result = Verify(null, Claim(ClaimKinds.Other, Line("\tpriv->rx_len = len;")));

        Assert.Equal(ClaimVerdict.NotCheckable, Assert.Single(result.Claims).Verdict);
        Assert.DoesNotContain(result.Findings, f => f.Message.Contains("model-x", StringComparison.Ordinal));
    }

    [Fact]
    public void Claims_outside_the_diff_or_the_patch_are_out_of_diff()
    {
        var result = Verify(null,
            Claim(RuleIds.SleepInAtomic, 2),
            Claim(RuleIds.SleepInAtomic, 3, "drivers/net/ethernet/acme/other.c"));

        Assert.All(result.Claims, c => Assert.Equal(ClaimVerdict.OutOfDiff, c.Verdict));
        Assert.Equal(2, result.Claims.Count);
    }

    [Fact]
    public void A_confirmation_by_a_rule_the_configuration_turns_off_is_not_posted()
    {
        var config = CheckConfigParser.Parse("rules:\n  sleep-in-atomic:\n    enabled: false\n", "t.yml", RuleCatalog.Ids);
        var result = Verify(config, Claim(RuleIds.SleepInAtomic, Line("\tacme_wait_idle(priv);")));

        Assert.Equal(ClaimVerdict.NotCheckable, Assert.Single(result.Claims).Verdict);
        Assert.DoesNotContain(result.Findings, f => f.RuleId == RuleIds.SleepInAtomic);
    }

    [Fact]
    public void Without_claims_the_findings_are_the_rules_alone()
    {
        var with = Verify(null, Claim(ClaimKinds.Other, Line("\tpriv->rx_len = len;")));
        var without = Verify(null);

        Assert.Equal(without.Findings.Select(f => f.Fingerprint), with.Findings.Select(f => f.Fingerprint));
        Assert.Empty(without.Claims);
    }
}
