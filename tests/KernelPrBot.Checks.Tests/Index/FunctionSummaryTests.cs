using KernelPrBot.Checks.Index;
using KernelPrBot.Checks.Index.Summaries;
using Xunit;

namespace KernelPrBot.Checks.Tests.Index;

/// <summary>The whole-tree summaries, built from small trees of real-shaped sources and read back through the index.</summary>
public sealed class FunctionSummaryTests
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

    private static string Chain(IReadOnlyList<SleepStep>? chain) => chain is null ? "(none)" : string.Join(" > ", chain.Select(s => $"{s.Function}:{s.Callee}:{s.Line}"));

    [Fact]
    public void A_function_that_takes_a_mutex_on_its_main_line_sleeps_and_its_callers_do_too_with_the_chain()
    {
        var tree = Build(
            ("drivers/net/acme/mcu.c", """
                int acme_mcu_send(struct acme *a, int cmd)
                {
                	int ret;

                	mutex_lock(&a->mcu_lock);
                	ret = acme_hw_write(a, cmd);
                	mutex_unlock(&a->mcu_lock);
                	return ret;
                }
                """),
            ("drivers/net/acme/main.c", """
                static int acme_set_channel(struct acme *a, int ch)
                {
                	return acme_mcu_send(a, ch);
                }

                int acme_config(struct acme *a)
                {
                	return acme_set_channel(a, 1);
                }
                """));

        Assert.Equal("acme_mcu_send:mutex_lock:5", Chain(tree.MaySleep("acme_mcu_send", "drivers/net/other.c")));
        Assert.Equal("acme_config:acme_set_channel:8 > acme_set_channel:acme_mcu_send:3 > acme_mcu_send:mutex_lock:5", Chain(tree.MaySleep("acme_config", "x.c")));
        Assert.Equal("acme_set_channel:acme_mcu_send:3 > acme_mcu_send:mutex_lock:5", Chain(tree.MaySleep("acme_set_channel", "drivers/net/acme/main.c")));
        Assert.Null(tree.MaySleep("acme_set_channel", "drivers/net/elsewhere.c")); // static: not visible from another file
    }

    [Fact]
    public void Sleeping_only_on_some_paths_under_a_lock_or_a_context_test_does_not_count()
    {
        var tree = Build(("drivers/usb/acme.c", """
            int acme_maybe(struct acme *a, bool can_sleep)
            {
            	if (can_sleep)
            		msleep(1);
            	return 0;
            }

            int acme_in_branch(struct acme *a)
            {
            	if (a->slow) {
            		mutex_lock(&a->lock);
            		mutex_unlock(&a->lock);
            	}
            	return 0;
            }

            int acme_alloc(struct acme *a, gfp_t gfp)
            {
            	if (gfpflags_allow_blocking(gfp))
            		might_sleep();
            	a->buf = kmalloc(64, gfp);
            	return 0;
            }

            int acme_under_lock(struct acme *a)
            {
            	spin_lock(&a->lock);
            	msleep(1);
            	spin_unlock(&a->lock);
            	return 0;
            }

            int acme_error_path(struct acme *a)
            {
            	int ret = acme_probe_hw(a);

            	if (ret)
            		goto err;
            	return 0;
            err:
            	msleep(10);
            	return ret;
            }

            int acme_drops_callers_lock(struct acme *a)
            {
            	spin_unlock(&a->lock);
            	msleep(1);
            	spin_lock(&a->lock);
            	return 0;
            }

            int acme_lookup(struct acme *a)
            {
            	return kmalloc_slab(64, NULL, GFP_KERNEL, 0) != NULL;
            }
            """));

        foreach (var name in new[] { "acme_maybe", "acme_in_branch", "acme_alloc", "acme_under_lock", "acme_error_path", "acme_drops_callers_lock", "acme_lookup" })
        {
            Assert.True(tree.MaySleep(name, "drivers/usb/acme.c") is null, name + ": " + Chain(tree.MaySleep(name, "drivers/usb/acme.c")));
        }
    }

    [Fact]
    public void A_try_lock_in_a_condition_and_a_sleeping_allocation_make_a_function_sleep()
    {
        var tree = Build(("drivers/media/acme.c", """
            static int acme_write_edid(struct acme_port *port, const u8 *edid, unsigned int blocks)
            {
            	u16 phys_addr = CEC_PHYS_ADDR_INVALID;

            	if (cec_get_edid_spa_location(edid, blocks * 128))
            		phys_addr = 0;

            	if (mutex_lock_interruptible(&port->edid_lock))
            		return -EINTR;
            	if (acme_send(port))
            		goto unlock;
            	mutex_unlock(&port->edid_lock);
            	return 0;
            unlock:
            	mutex_unlock(&port->edid_lock);
            	return -EIO;
            }

            int acme_new_buf(struct acme *a)
            {
            	a->buf = kzalloc(sizeof(*a->buf), GFP_KERNEL);
            	return a->buf ? 0 : -ENOMEM;
            }
            """));

        Assert.Equal("acme_write_edid:mutex_lock_interruptible:8", Chain(tree.MaySleep("acme_write_edid", "drivers/media/acme.c")));
        Assert.Equal("acme_new_buf:kzalloc:21", Chain(tree.MaySleep("acme_new_buf", "drivers/media/acme.c")));
    }

    [Fact]
    public void Atomic_entry_comes_from_registrations_documented_slots_and_callers_that_all_hold_a_spinlock()
    {
        var builder = new SymbolIndexBuilder();
        builder.AddDocumentedSlots([new DocumentedSlot("net_device_ops", "ndo_start_xmit", "Context: BHs disabled", "Documentation/networking/netdevices.rst", 268)]);
        builder.AddSource("""
            static irqreturn_t acme_irq(int irq, void *data)
            {
            	return IRQ_HANDLED;
            }

            static netdev_tx_t acme_xmit(struct sk_buff *skb, struct net_device *dev)
            {
            	return NETDEV_TX_OK;
            }

            static const struct net_device_ops acme_ops = {
            	.ndo_start_xmit = acme_xmit,
            };

            int acme_probe(struct acme *a)
            {
            	return request_irq(a->irq, acme_irq, 0, "acme", a);
            }
            """, "drivers/net/acme/main.c");
        builder.AddSource("""
            void acme_ring_kick(struct acme *a)
            {
            	writel(1, a->regs);
            }

            void acme_ring_sometimes(struct acme *a)
            {
            	writel(2, a->regs);
            }
            """, "drivers/net/acme/ring.c");
        builder.AddSource("""
            void acme_tx(struct acme *a)
            {
            	spin_lock_bh(&a->tx_lock);
            	acme_ring_kick(a);
            	acme_ring_sometimes(a);
            	spin_unlock_bh(&a->tx_lock);
            }

            void acme_reset(struct acme *a)
            {
            	acme_ring_sometimes(a);
            }

            void acme_maybe_locked(struct acme *a)
            {
            	if (a->locked)
            		spin_lock(&a->lock);
            	acme_conditional(a);
            }
            """, "drivers/net/acme/tx.c");
        builder.AddSource("""
            void acme_conditional(struct acme *a)
            {
            }
            """, "drivers/net/acme/cond.c");
        var tree = new TreeKnowledge(builder.Build());

        Assert.StartsWith("hard-IRQ handler registered by request_irq()", tree.AtomicEntry("acme_irq", "drivers/net/acme/main.c", isStatic: true)?.Reason);
        Assert.StartsWith("the .ndo_start_xmit callback of struct net_device_ops", tree.AtomicEntry("acme_xmit", "drivers/net/acme/main.c", isStatic: true)?.Reason);
        var kick = tree.AtomicEntry("acme_ring_kick", "drivers/net/acme/ring.c", isStatic: false);
        Assert.Equal("called under spin_lock_bh() (line 3) from acme_tx()", kick?.Reason);
        Assert.Equal("drivers/net/acme/tx.c", kick?.Path);
        Assert.Null(tree.AtomicEntry("acme_ring_sometimes", "drivers/net/acme/ring.c", isStatic: false)); // acme_reset() holds nothing
        Assert.Null(tree.AtomicEntry("acme_conditional", "drivers/net/acme/cond.c", isStatic: false)); // the lock is taken only maybe
        Assert.Equal("Context: BHs disabled", tree.Slot("net_device_ops", "ndo_start_xmit")?.Context);
    }

    [Fact]
    public void A_slot_documented_by_the_comment_above_its_member_and_filled_in_a_function_body_makes_its_callback_atomic()
    {
        var tree = Build(
            ("include/linux/leds.h", """
                struct led_classdev {
                	const char		*name;
                	/* Set LED brightness level
                	 * Must not sleep. Use brightness_set_blocking for drivers
                	 * that can sleep while setting brightness.
                	 */
                	void		(*brightness_set)(struct led_classdev *led_cdev,
                					  enum led_brightness brightness);
                	/* Can sleep. */
                	int (*brightness_set_blocking)(struct led_classdev *led_cdev,
                				       enum led_brightness brightness);
                };
                """),
            ("drivers/net/wireless/acme/led.c", """
                static void acme_led_set(struct led_classdev *led, enum led_brightness brightness)
                {
                }

                static int acme_led_set_blocking(struct led_classdev *led, enum led_brightness brightness)
                {
                	return 0;
                }

                void acme_led_init(struct acme *a)
                {
                	a->led.brightness_set = acme_led_set;
                	a->led2.brightness_set_blocking = acme_led_set_blocking;
                }
                """));

        Assert.Equal("led_classdev", tree.Slot("led_classdev", "brightness_set")?.Struct);
        Assert.Null(tree.Slot("led_classdev", "brightness_set_blocking"));
        Assert.StartsWith("the .brightness_set callback of struct led_classdev (include/linux/leds.h:7", tree.AtomicEntry("acme_led_set", "drivers/net/wireless/acme/led.c", isStatic: true)?.Reason);
        Assert.Null(tree.AtomicEntry("acme_led_set_blocking", "drivers/net/wireless/acme/led.c", isStatic: true));
    }

    [Fact]
    public void A_static_inline_of_a_drivers_own_header_is_seen_only_from_that_driver()
    {
        var tree = Build(
            ("drivers/net/wireless/mt7601u/mt7601u.h", """
                static inline void mt76_wr(struct mt7601u_dev *dev, u32 offset, u32 val)
                {
                	mutex_lock(&dev->vendor_req_mutex);
                }
                """),
            ("include/linux/acme.h", """
                static inline void acme_shared(struct acme *a)
                {
                	msleep(1);
                }
                """));

        Assert.NotNull(tree.MaySleep("mt76_wr", "drivers/net/wireless/mt7601u/usb.c"));
        Assert.Null(tree.MaySleep("mt76_wr", "drivers/net/wireless/mt76/mt7615/init.c"));
        Assert.NotNull(tree.MaySleep("acme_shared", "drivers/net/wireless/mt76/mt7615/init.c"));
    }

    [Fact]
    public void Boot_code_that_runs_with_interrupts_off_does_not_make_its_callees_atomic()
    {
        var tree = Build(("init/main.c", """
            void __init start_kernel(void)
            {
            	local_irq_disable();
            	setup_things();
            	local_irq_enable();
            }

            void setup_things(void)
            {
            }
            """));

        Assert.Null(tree.AtomicEntry("setup_things", "init/main.c", isStatic: false));
    }

    [Fact]
    public void Kernel_doc_of_a_core_header_and_netdevices_rst_document_atomic_slots_and_leave_out_the_unclear()
    {
        var slots = DocumentedSlots.FromHeader("""
            /**
             * struct acme_ops - callbacks
             * @tx: Handler for each frame.
             *	Must be atomic.
             * @config: Configure the device.
             *	This callback may sleep.
             * @flush: Flush queues; must not sleep, but may be called
             *	from process context.
             * @alloc: Allocate. This function may not be called from within atomic context.
             * @irq: Called in atomic context.
             * @blink: If brightness_set_blocking is not set this function must not sleep!
             */
            struct acme_ops {
            	void (*tx)(void);
            };
            """, "include/net/acme.h");
        Assert.Equal([("acme_ops", "tx", 3), ("acme_ops", "irq", 10)], slots.Select(s => (s.Struct, s.Field, s.Line)).ToList());

        var net = DocumentedSlots.FromNetDevices("""
            ndo_open:
            	Synchronization: rtnl_lock() semaphore.
            	Context: process

            ndo_start_xmit:
            	Synchronization: __netif_tx_lock spinlock.
            	Context: Process with BHs disabled or BH (timer),
            		 will be called with interrupts disabled by netconsole.
            """);
        Assert.Equal(["ndo_start_xmit"], net.Select(s => s.Field).ToList());
        Assert.Equal(7, net[0].Line);
    }
}
