namespace KernelPrBot.Checks.Kernel;

/// <summary>
/// Calls that may sleep regardless of their arguments (KERNEL-NOTES §5.1: locking.rst, smatch's sleep
/// hooks, kerneldoc of the functions), except the polling macros given a sleep of 0. regmap_read()/regmap_write()
/// are not here: a regmap over MMIO (fast_io) takes a spinlock and is used in IRQ handlers and under spinlocks. Allocations whose sleeping depends on GFP flags are in <see cref="Allocators"/>.
/// </summary>
public static class SleepingCalls
{
    private static readonly HashSet<string> Names = new(StringComparer.Ordinal)
    {
        "might_sleep", "might_sleep_if", "cond_resched", "schedule", "schedule_timeout", "schedule_timeout_interruptible",
        "schedule_timeout_uninterruptible", "schedule_timeout_killable", "schedule_hrtimeout", "io_schedule", "yield",
        "msleep", "msleep_interruptible", "ssleep", "usleep_range", "usleep_range_state", "fsleep",
        "wait_for_completion", "wait_for_completion_timeout", "wait_for_completion_interruptible",
        "wait_for_completion_interruptible_timeout", "wait_for_completion_killable", "wait_for_completion_killable_timeout",
        "wait_for_completion_io", "wait_for_completion_io_timeout",
        "mutex_lock", "mutex_lock_nested", "mutex_lock_interruptible", "mutex_lock_killable", "mutex_lock_io",
        "down", "down_interruptible", "down_killable", "down_timeout", "down_read", "down_write", "down_read_killable",
        "down_write_killable", "rt_mutex_lock",
        "synchronize_rcu", "synchronize_rcu_expedited", "synchronize_srcu", "synchronize_net", "synchronize_irq",
        "synchronize_sched", "rcu_barrier", "flush_work", "flush_delayed_work", "flush_workqueue", "drain_workqueue",
        "cancel_work_sync", "cancel_delayed_work_sync", "destroy_workqueue", "kthread_stop", "kthread_park",
        "vmalloc", "vzalloc", "vmalloc_node", "vzalloc_node", "vfree", "vmalloc_user", "vmap", "vunmap",
        "copy_from_user", "copy_to_user", "get_user", "put_user", "strncpy_from_user", "memdup_user", "memdup_user_nul",
        "clear_user", "strndup_user",
        "request_irq", "request_threaded_irq", "devm_request_irq", "devm_request_threaded_irq", "free_irq",
        "filp_open", "filp_close", "kernel_read", "kernel_write", "vfs_read", "vfs_write",
        "request_firmware", "request_firmware_direct", "release_firmware",
        "i2c_transfer", "i2c_master_send", "i2c_master_recv", "i2c_smbus_read_byte_data", "i2c_smbus_write_byte_data",
        "i2c_smbus_read_word_data", "i2c_smbus_write_word_data", "spi_sync", "spi_write", "spi_read", "spi_write_then_read",
        "usb_control_msg", "usb_bulk_msg", "usb_interrupt_msg", "usb_kill_urb", "usb_poison_urb",
        "clk_prepare", "clk_unprepare", "clk_prepare_enable", "clk_disable_unprepare", "clk_set_rate",
        "regulator_enable", "regulator_disable", "regulator_set_voltage",
        "device_register", "device_unregister", "device_add", "device_del", "platform_device_register",
        "platform_device_unregister", "misc_register", "misc_deregister", "register_netdev", "unregister_netdev",
        "debugfs_create_file", "debugfs_remove", "debugfs_remove_recursive", "sysfs_create_group", "sysfs_remove_group",
        "kmem_cache_create", "kmem_cache_destroy", "dma_pool_create", "dma_pool_destroy",
        "pm_runtime_get_sync", "pm_runtime_put_sync", "pm_runtime_resume_and_get",
        "msleep_range", "wait_event", "wait_event_interruptible", "wait_event_timeout", "wait_event_interruptible_timeout",
        "wait_event_killable", "wait_event_freezable", "wait_event_idle", "wait_event_idle_timeout",
        "wait_event_interruptible_exclusive", "wait_on_bit", "wait_on_bit_io", "wait_var_event",
        "read_poll_timeout", "readx_poll_timeout", "readl_poll_timeout", "regmap_read_poll_timeout",
        "gpiod_set_value_cansleep", "gpiod_get_value_cansleep", "gpio_set_value_cansleep",
    };

    /// <summary>
    /// The polling macros and the index of their sleep argument: <c>readl_poll_timeout(addr, val, cond, 0, timeout)</c>
    /// only spins (include/linux/iopoll.h: might_sleep_if(sleep_us)).
    /// </summary>
    private static readonly Dictionary<string, int> PollSleepArgument = new(StringComparer.Ordinal)
    {
        ["read_poll_timeout"] = 3, ["readx_poll_timeout"] = 4, ["readl_poll_timeout"] = 3, ["regmap_read_poll_timeout"] = 4,
    };

    /// <summary>Entries whose sleeping depends on the arguments or on how the object was set up: a call of one of them
    /// does not make the caller sleep on every call (a polling loop may not sleep at all; vfree() defers in interrupts).</summary>
    private static readonly HashSet<string> Conditional = new(StringComparer.Ordinal)
    {
        "vfree", "vunmap", "might_sleep_if", "release_firmware",
        "read_poll_timeout", "readx_poll_timeout", "readl_poll_timeout", "regmap_read_poll_timeout",
    };

    public static bool MaySleep(string name) => Names.Contains(name);

    /// <summary>A call that sleeps whatever it is given: what makes a function "may sleep" in the tree's summaries.</summary>
    public static bool AlwaysSleeps(string name) => Names.Contains(name) && !Conditional.Contains(name);

    /// <summary>The sleep argument of a polling macro, or -1 (the call sleeps only when it is not 0).</summary>
    public static int PollSleepArgumentOf(string name) => PollSleepArgument.GetValueOrDefault(name, -1);
}
