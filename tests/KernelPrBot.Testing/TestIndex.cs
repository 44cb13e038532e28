using KernelPrBot.Checks.Analysis;
using KernelPrBot.Checks.Index;
using KernelPrBot.Checks.Rules;

namespace KernelPrBot.Testing;

/// <summary>A small symbol index made from kernel-like declarations, for rule tests that need one.</summary>
public static class TestIndex
{
    public const string Source = """
        void *kmalloc(size_t size, gfp_t flags);
        void *kzalloc(size_t size, gfp_t flags);
        void *kmalloc_array(size_t n, size_t size, gfp_t flags);
        void *devm_kzalloc(struct device *dev, size_t size, gfp_t gfp);
        void *devm_kmalloc_array(struct device *dev, size_t n, size_t size, gfp_t flags);
        void kfree(const void *objp);
        void msleep(unsigned int msecs);
        int printk(const char *fmt, ...);
        void mutex_lock(struct mutex *lock);
        void mutex_unlock(struct mutex *lock);
        #define spin_lock_irqsave(lock, flags) do { flags = _raw_spin_lock_irqsave(lock); } while (0)
        #define spin_unlock_irqrestore(lock, flags) _raw_spin_unlock_irqrestore(lock, flags)
        #define pr_info(fmt, ...) printk(fmt, ##__VA_ARGS__)
        #define dev_err(dev, fmt, ...) _dev_err(dev, fmt, ##__VA_ARGS__)
        #define container_of(ptr, type, member) ((type *)((char *)(ptr) - offsetof(type, member)))
        #define offsetof(TYPE, MEMBER) __builtin_offsetof(TYPE, MEMBER)
        #define ARRAY_SIZE(arr) (sizeof(arr) / sizeof((arr)[0]))
        #define WARN_ON(condition) ({ int __ret = !!(condition); __ret; })
        #define list_for_each_entry(pos, head, member) for (pos = NULL; pos; )
        #define memcpy __builtin_memcpy
        #ifdef CONFIG_ACME
        int acme_attach(struct acme *a, int flags);
        #else
        static inline int acme_attach(struct acme *a) { return 0; }
        #endif
        struct platform_device;
        typedef int (*irq_handler_t)(int, void *);
        int request_irq(unsigned int irq, irq_handler_t handler, unsigned long flags, const char *name, void *dev);
        """;

    public static readonly string[] Headers =
    [
        "include/linux/slab.h", "include/linux/module.h", "include/uapi/linux/types.h", "arch/x86/include/asm/io.h",
        "include/asm-generic/barrier.h", "drivers/misc/acme_regs.h", "drivers/net/ethernet/intel/e1000/e1000.h",
    ];

    private static readonly Lazy<SymbolIndex> Built = new(() =>
    {
        var builder = new SymbolIndexBuilder();
        builder.AddSource(Source);
        foreach (var h in Headers)
        {
            builder.AddHeader(h);
        }

        return builder.Build();
    });

    public static SymbolIndex Index => Built.Value;

    public static AnalysisOptions Options => AnalysisOptions.Default with { Symbols = Index };
}
