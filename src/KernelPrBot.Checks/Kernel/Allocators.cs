namespace KernelPrBot.Checks.Kernel;

/// <summary>
/// Allocation calls and the index of their GFP argument (include/linux/slab.h, gfp.h, skbuff.h, device.h,
/// dma-mapping.h, idr.h). GFP flags that allow direct reclaim may sleep (include/linux/gfp_types.h).
/// </summary>
public static class Allocators
{
    private static readonly Dictionary<string, int> GfpArgument = new(StringComparer.Ordinal)
    {
        ["kmalloc"] = 1, ["kzalloc"] = 1, ["kmalloc_node"] = 1, ["kzalloc_node"] = 1, ["kvmalloc"] = 1, ["kvzalloc"] = 1,
        ["kcalloc"] = 2, ["kmalloc_array"] = 2, ["kvcalloc"] = 2, ["kvmalloc_array"] = 2, ["kcalloc_node"] = 2,
        ["krealloc"] = 2, ["krealloc_array"] = 3, ["kmem_cache_alloc"] = 1, ["kmem_cache_zalloc"] = 1, ["kmem_cache_alloc_node"] = 1,
        ["kstrdup"] = 1, ["kstrndup"] = 2, ["kmemdup"] = 2, ["kasprintf"] = 0, ["kvasprintf"] = 0,
        ["devm_kmalloc"] = 2, ["devm_kzalloc"] = 2, ["devm_kcalloc"] = 3, ["devm_kmalloc_array"] = 3, ["devm_kstrdup"] = 2,
        ["devm_kmemdup"] = 3, ["devm_kasprintf"] = 1,
        ["alloc_pages"] = 0, ["alloc_page"] = 0, ["__get_free_pages"] = 0, ["__get_free_page"] = 0, ["get_zeroed_page"] = 0,
        ["alloc_pages_node"] = 1, ["folio_alloc"] = 0,
        ["alloc_skb"] = 1, ["__alloc_skb"] = 1, ["skb_clone"] = 1, ["skb_copy"] = 1, ["pskb_copy"] = 1, ["skb_copy_expand"] = 3,
        ["pskb_expand_head"] = 3, ["__netdev_alloc_skb"] = 2, ["__napi_alloc_skb"] = 2,
        ["dma_alloc_coherent"] = 3, ["dma_alloc_attrs"] = 3, ["dmam_alloc_coherent"] = 3, ["dma_pool_alloc"] = 1, ["dma_pool_zalloc"] = 1,
        ["mempool_alloc"] = 1, ["idr_alloc"] = 4, ["idr_alloc_cyclic"] = 4, ["ida_alloc"] = 1, ["ida_alloc_range"] = 3,
        ["ida_alloc_min"] = 2, ["ida_alloc_max"] = 2, ["xa_store"] = 3, ["xa_alloc"] = 4, ["radix_tree_preload"] = 0,
        ["usb_alloc_urb"] = 1, ["usb_submit_urb"] = 1, ["usb_alloc_coherent"] = 2, ["bio_alloc"] = 3, ["sg_alloc_table"] = 2,
        ["kobject_uevent_env"] = -1, ["genlmsg_new"] = 1, ["nlmsg_new"] = 1,
    };

    /// <summary>Allocators that may sleep whatever flags they are given.</summary>
    private static readonly HashSet<string> AlwaysSleeping = new(StringComparer.Ordinal)
    {
        "vmalloc", "vzalloc", "vmalloc_node", "vzalloc_node", "vmalloc_user", "vmalloc_32",
    };

    private static readonly HashSet<string> SleepingFlags = new(StringComparer.Ordinal)
    {
        "GFP_KERNEL", "GFP_KERNEL_ACCOUNT", "GFP_NOFS", "GFP_NOIO", "GFP_USER", "GFP_HIGHUSER", "GFP_HIGHUSER_MOVABLE",
        "GFP_TRANSHUGE", "GFP_TRANSHUGE_LIGHT", "__GFP_DIRECT_RECLAIM", "__GFP_RECLAIM",
    };

    private static readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> GfpArgumentBySpan = GfpArgument.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>Whether the name is an allocator of the table, without making a string of it.</summary>
    public static bool IsKnownAllocator(ReadOnlySpan<char> name) =>
        GfpArgumentBySpan.TryGetValue(name, out var index) && index >= 0 || name is "vmalloc" or "vzalloc" or "vmalloc_node" or "vzalloc_node" or "vmalloc_user" or "vmalloc_32";

    public static bool TryGetGfpArgument(string name, out int index) => GfpArgument.TryGetValue(name, out index) && index >= 0;

    /// <summary>
    /// Whether an argument names a GFP flag. A flags expression is a few tokens (<c>in_irq() ? GFP_ATOMIC : GFP_KERNEL</c>
    /// is nine); a longer argument is another value with calls nested in it, and is not read.
    /// </summary>
    public static bool MentionsGfp(Analysis.Context.CallSite call, int argument) =>
        call.ArgumentTokens(argument) <= MaxFlagTokens && call.Argument(argument).Contains("GFP_", StringComparison.Ordinal);

    private const int MaxFlagTokens = 64;

    public static bool IsAlwaysSleeping(string name) => AlwaysSleeping.Contains(name);

    /// <summary>The sleeping flag named in a GFP expression, or null (non-sleeping, a variable, or a conditional).</summary>
    public static string? SleepingFlag(IEnumerable<string> words)
    {
        string? found = null;
        foreach (var w in words)
        {
            if (w is "?" or "gfp" or "gfp_mask" or "flags")
            {
                return null;
            }

            if (SleepingFlags.Contains(w))
            {
                found ??= w;
            }
        }

        return found;
    }
}
