namespace KernelPrBot.Checks.Kernel;

/// <summary>
/// Deprecated calls from Documentation/process/deprecated.rst and checkpatch's %deprecated_apis table,
/// with replacements. Patterns that need more than a name (open-coded multiplication in allocator
/// arguments, %p, VLAs, fall-through comments, trailing arrays) are recognised by the deprecated-api rule.
/// </summary>
public static class DeprecatedApis
{
    private static readonly DeprecatedApi[] Entries =
    [
        new("BUG", "WARN_ON_ONCE() plus recovery code", "BUG() crashes the kernel; deprecated.rst asks to handle the error instead"),
        new("BUG_ON", "WARN_ON_ONCE() plus recovery code", "BUG_ON() crashes the kernel; deprecated.rst asks to handle the error instead"),
        new("simple_strtol", "kstrtol()", "simple_strto*() ignore overflow and trailing garbage"),
        new("simple_strtoll", "kstrtoll()", "simple_strto*() ignore overflow and trailing garbage"),
        new("simple_strtoul", "kstrtoul()", "simple_strto*() ignore overflow and trailing garbage"),
        new("simple_strtoull", "kstrtoull()", "simple_strto*() ignore overflow and trailing garbage"),
        new("strict_strtol", "kstrtol()", "strict_strto*() were removed; use kstrto*()"),
        new("strict_strtoul", "kstrtoul()", "strict_strto*() were removed; use kstrto*()"),
        new("strict_strtoll", "kstrtoll()", "strict_strto*() were removed; use kstrto*()"),
        new("strict_strtoull", "kstrtoull()", "strict_strto*() were removed; use kstrto*()"),
        new("strcpy", "strscpy()", "strcpy() does not check the destination size"),
        new("strncpy", "strscpy(), or strscpy_pad() when the destination must be zero-padded (__nonstring for non-terminated buffers)", "strncpy() does not always NUL-terminate and pads needlessly"),
        new("strlcpy", "strscpy()", "strlcpy() reads the whole source and can overflow reading it"),
        new("synchronize_rcu_bh", "synchronize_rcu()", "the RCU-bh flavour was folded into plain RCU"),
        new("synchronize_rcu_bh_expedited", "synchronize_rcu_expedited()", "the RCU-bh flavour was folded into plain RCU"),
        new("call_rcu_bh", "call_rcu()", "the RCU-bh flavour was folded into plain RCU"),
        new("rcu_barrier_bh", "rcu_barrier()", "the RCU-bh flavour was folded into plain RCU"),
        new("synchronize_sched", "synchronize_rcu()", "the RCU-sched flavour was folded into plain RCU"),
        new("synchronize_sched_expedited", "synchronize_rcu_expedited()", "the RCU-sched flavour was folded into plain RCU"),
        new("call_rcu_sched", "call_rcu()", "the RCU-sched flavour was folded into plain RCU"),
        new("rcu_barrier_sched", "rcu_barrier()", "the RCU-sched flavour was folded into plain RCU"),
        new("get_state_synchronize_sched", "get_state_synchronize_rcu()", "the RCU-sched flavour was folded into plain RCU"),
        new("cond_synchronize_sched", "cond_synchronize_rcu()", "the RCU-sched flavour was folded into plain RCU"),
        new("kmap", "kmap_local_page()", "kmap() is slow and its mappings are global"),
        new("kunmap", "kunmap_local()", "pairs with the deprecated kmap()"),
        new("kmap_atomic", "kmap_local_page()", "kmap_atomic() disables preemption needlessly"),
        new("kunmap_atomic", "kunmap_local()", "pairs with the deprecated kmap_atomic()"),
        new("setup_timer", "timer_setup()", "setup_timer() was replaced by timer_setup() (scripts/coccinelle/api/setup_timer.cocci)"),
        new("init_timer", "timer_setup()", "init_timer() was replaced by timer_setup()"),
    ];

    private static readonly Dictionary<string, DeprecatedApi> ByName = Entries.ToDictionary(e => e.Name, StringComparer.Ordinal);

    public static IReadOnlyCollection<DeprecatedApi> All => Entries;

    public static DeprecatedApi? Find(string name) => ByName.GetValueOrDefault(name);

    /// <summary>Allocators whose size argument must not be open-coded arithmetic, and the index of that argument.</summary>
    public static IReadOnlyDictionary<string, (int SizeArgument, string ArrayForm)> Allocators { get; } =
        new Dictionary<string, (int, string)>(StringComparer.Ordinal)
        {
            ["kmalloc"] = (0, "kmalloc_array()"),
            ["kzalloc"] = (0, "kcalloc()"),
            ["kvmalloc"] = (0, "kvmalloc_array()"),
            ["kvzalloc"] = (0, "kvcalloc()"),
            ["vmalloc"] = (0, "array_size() inside vmalloc()"),
            ["vzalloc"] = (0, "array_size() inside vzalloc()"),
            ["kmalloc_node"] = (0, "kmalloc_array_node()"),
            ["kzalloc_node"] = (0, "kcalloc_node()"),
            ["kvmalloc_node"] = (0, "kvmalloc_array_node() or array_size()"),
            ["kvzalloc_node"] = (0, "array_size() inside kvzalloc_node()"),
            ["devm_kmalloc"] = (1, "devm_kmalloc_array()"),
            ["devm_kzalloc"] = (1, "devm_kcalloc()"),
            ["krealloc"] = (1, "krealloc_array()"),
            ["kvrealloc"] = (1, "array_size() inside kvrealloc()"),
            ["dma_alloc_coherent"] = (1, "array_size() inside dma_alloc_coherent()"),
            ["dmam_alloc_coherent"] = (1, "array_size() inside dmam_alloc_coherent()"),
            ["sock_kmalloc"] = (1, "array_size() inside sock_kmalloc()"),
        };
}
