namespace KernelPrBot.Checks.Kernel;

/// <summary>
/// Interfaces that code written from older kernels (and tools trained on it) still calls, but that current kernels
/// no longer have: such a call does not build. Each name is absent from Linux 6.12 outside tools/ (a kernel-tree test
/// checks this against the tree's index; pci_map_single() is left out because drivers/net/wan/wanxl.c still defines a
/// debug macro of that name). A release is given only where the removing commit is well known; the replacements are
/// those of the removing series.
/// </summary>
public static class RemovedApis
{
    private const string Removed = "removed";

    private static readonly RemovedApi[] Entries =
    [
        // "string: Remove strlcpy()", after the tree-wide conversion to strscpy().
        new("strlcpy", "strscpy()", "removed in v6.8"),

        // include/linux/pci-dma-compat.h, removed with its last users.
        new("pci_set_dma_mask", "dma_set_mask()", "removed in v5.18"),
        new("pci_set_consistent_dma_mask", "dma_set_coherent_mask()", "removed in v5.18"),
        new("pci_alloc_consistent", "dma_alloc_coherent(&pdev->dev, …, GFP_KERNEL)", "removed in v5.18"),
        new("pci_zalloc_consistent", "dma_alloc_coherent(&pdev->dev, …, GFP_KERNEL)", "removed in v5.18"),
        new("pci_free_consistent", "dma_free_coherent()", "removed in v5.18"),
        new("pci_unmap_single", "dma_unmap_single()", "removed in v5.18"),
        new("pci_map_page", "dma_map_page()", "removed in v5.18"),
        new("pci_unmap_page", "dma_unmap_page()", "removed in v5.18"),
        new("pci_map_sg", "dma_map_sg()", "removed in v5.18"),
        new("pci_unmap_sg", "dma_unmap_sg()", "removed in v5.18"),
        new("pci_dma_mapping_error", "dma_mapping_error()", "removed in v5.18"),
        new("netif_rx_ni", "netif_rx()", "removed in v5.18"),

        new("ioremap_nocache", "ioremap()", "removed in v5.6"),
        new("dma_zalloc_coherent", "dma_alloc_coherent() (it zeroes the memory)", "removed in v5.0"),
        new("ACCESS_ONCE", "READ_ONCE() or WRITE_ONCE()", "removed in v4.15"),
        new("setup_timer", "timer_setup()", Removed),
        new("init_timer", "timer_setup()", Removed),
        new("kzfree", "kfree_sensitive()", Removed),
        new("prandom_u32", "get_random_u32()", Removed),
        new("prandom_u32_max", "get_random_u32_below()", Removed),
        new("smp_read_barrier_depends", "READ_ONCE() (it orders dependent loads)", Removed),
        new("PDE_DATA", "pde_data()", Removed),
        new("do_gettimeofday", "ktime_get_real_ts64()", Removed),
        new("getnstimeofday", "ktime_get_real_ts64()", Removed),
        new("pci_enable_msix", "pci_alloc_irq_vectors()", Removed),
        new("pci_pool_create", "dma_pool_create()", Removed),
        new("SET_ETHTOOL_OPS", "netdev->ethtool_ops = &ops", Removed),
        new("strict_strtol", "kstrtol()", Removed),
        new("strict_strtoul", "kstrtoul()", Removed),
        new("strict_strtoll", "kstrtoll()", Removed),
        new("strict_strtoull", "kstrtoull()", Removed),
        new("synchronize_rcu_bh", "synchronize_rcu()", Removed),
        new("synchronize_rcu_bh_expedited", "synchronize_rcu_expedited()", Removed),
        new("call_rcu_bh", "call_rcu()", Removed),
        new("rcu_barrier_bh", "rcu_barrier()", Removed),
        new("synchronize_sched", "synchronize_rcu()", Removed),
        new("synchronize_sched_expedited", "synchronize_rcu_expedited()", Removed),
        new("call_rcu_sched", "call_rcu()", Removed),
        new("rcu_barrier_sched", "rcu_barrier()", Removed),
        new("get_state_synchronize_sched", "get_state_synchronize_rcu()", Removed),
        new("cond_synchronize_sched", "cond_synchronize_rcu()", Removed),
    ];

    private static readonly Dictionary<string, RemovedApi> ByName = Entries.ToDictionary(e => e.Name, StringComparer.Ordinal);

    public static IReadOnlyCollection<RemovedApi> All => Entries;

    public static RemovedApi? Find(string name) => ByName.GetValueOrDefault(name);
}
