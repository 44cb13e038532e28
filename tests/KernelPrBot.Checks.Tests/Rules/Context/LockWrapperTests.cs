using KernelPrBot.Checks.Rules.Context;
using KernelPrBot.Testing;
using Xunit;

namespace KernelPrBot.Checks.Tests.Rules.Context;

/// <summary>Driver lock wrappers and claims, found in the same file, seen by the lock rules as the primitives they call.</summary>
public sealed class LockWrapperTests
{
    private const string Wrappers = """
        static void acme_mutex_acquire(struct acme_dev *dev)
        {
        	mutex_lock(&dev->mutex);
        	pm_runtime_get_sync(dev->dev);
        }

        static void acme_mutex_release(struct acme_dev *dev)
        {
        	pm_runtime_put(dev->dev);
        	mutex_unlock(&dev->mutex);
        }

        """;

    [Fact]
    public void An_early_return_between_an_acquire_and_a_release_wrapper_leaks_the_lock()
    {
        var findings = RuleRunner.AssertMarkedInNewFile(new LockNotReleasedRule(), Wrappers + """
            static int acme_set_rate(struct acme_dev *dev, int rate)
            {
            	acme_mutex_acquire(dev);
            	if (rate > dev->max_rate)
            		[|return -EINVAL;|]
            	dev->rate = rate;
            	acme_mutex_release(dev);
            	return 0;
            }
            """);
        Assert.Equal(
            "acme_mutex_acquire(dev), which calls mutex_lock(&dev->mutex) at line 3, taken at line 14 is still held at 'return -EINVAL', while other paths release it; unlock before returning",
            Assert.Single(findings).Message);
    }

    [Fact]
    public void A_direct_unlock_of_the_same_lock_releases_what_the_wrapper_took() => RuleRunner.AssertMarkedInNewFile(new LockNotReleasedRule(), Wrappers + """
        static int acme_reset(struct acme_priv *priv)
        {
        	acme_mutex_acquire(&priv->dev);
        	if (priv->dead) {
        		mutex_unlock(&priv->dev.mutex);
        		return -ENODEV;
        	}
        	if (priv->busy)
        		[|return -EBUSY;|]
        	acme_mutex_release(&priv->dev);
        	return 0;
        }
        """);

    [Fact]
    public void A_wrapper_that_holds_only_on_some_paths_is_not_a_wrapper() => RuleRunner.AssertMarkedInNewFile(new LockNotReleasedRule(), """
        static int acme_lock_if_alive(struct acme_dev *dev)
        {
        	if (dev->dead)
        		return -ENODEV;
        	mutex_lock(&dev->mutex);
        	return 0;
        }

        static void acme_done(struct acme_dev *dev)
        {
        	mutex_unlock(&dev->mutex);
        }

        static int acme_poke(struct acme_dev *dev, int v)
        {
        	acme_lock_if_alive(dev);
        	if (v < 0)
        		return -EINVAL;
        	acme_done(dev);
        	return 0;
        }
        """);

    [Fact]
    public void A_wrapper_called_on_an_expression_that_is_not_an_access_path_is_not_followed() => RuleRunner.AssertMarkedInNewFile(new LockNotReleasedRule(), Wrappers + """
        static int acme_poke(struct acme *a, int v)
        {
        	acme_mutex_acquire(acme_to_dev(a));
        	if (v < 0)
        		return -EINVAL;
        	acme_mutex_release(acme_to_dev(a));
        	return 0;
        }
        """);

    [Fact]
    public void A_wrapper_of_a_wrapper_is_followed() => RuleRunner.AssertMarkedInNewFile(new LockNotReleasedRule(), Wrappers + """
        static void acme_begin(struct acme_dev *dev)
        {
        	acme_mutex_acquire(dev);
        	dev->busy = true;
        }

        static int acme_poke(struct acme_dev *dev, int v)
        {
        	acme_begin(dev);
        	if (v < 0)
        		[|return -EINVAL;|]
        	acme_mutex_release(dev);
        	return 0;
        }
        """);

    [Fact]
    public void An_sdio_claim_is_held_like_a_lock() => RuleRunner.AssertMarkedInNewFile(new LockNotReleasedRule(), """
        static int acme_sdio_read(struct sdio_func *func, u8 *val)
        {
        	int ret;

        	sdio_claim_host(func);
        	*val = sdio_readb(func, 0x10, &ret);
        	if (ret)
        		[|return ret;|]
        	sdio_release_host(func);
        	return 0;
        }
        """);

    [Fact]
    public void A_spinlock_wrapper_makes_the_path_atomic() => RuleRunner.AssertMarkedInNewFile(new SleepInAtomicRule(), """
        static void acme_lock(struct acme_dev *dev)
        {
        	spin_lock_bh(&dev->lock);
        }

        static void acme_unlock(struct acme_dev *dev)
        {
        	spin_unlock_bh(&dev->lock);
        }

        static void acme_flush(struct acme_dev *dev)
        {
        	acme_lock(dev);
        	[|msleep(10);|]
        	acme_unlock(dev);
        	msleep(10);
        }
        """);

    [Fact]
    public void The_xarray_lock_is_a_spinlock_named_by_its_array() => RuleRunner.AssertMarkedInNewFile(new LockNotReleasedRule(), """
        static struct acme_obd *acme_find(struct xarray *devs, const char *name)
        {
        	struct acme_obd *obd;
        	unsigned long index;

        	xa_lock(devs);
        	xa_for_each(devs, index, obd) {
        		if (strcmp(obd->name, name))
        			continue;
        		if (!obd->attached)
        			[|return NULL;|]
        		xa_unlock(devs);
        		return obd;
        	}
        	xa_unlock(devs);
        	return NULL;
        }
        """);

    [Fact]
    public void Sleeping_under_the_xarray_lock_is_reported() => RuleRunner.AssertMarkedInNewFile(new SleepInAtomicRule(), """
        static void acme_drain(struct xarray *xa)
        {
        	xa_lock_irq(xa);
        	[|msleep(1);|]
        	xa_unlock_irq(xa);
        }
        """);
}
