using KernelPrBot.Checks.Index;
using Xunit;

namespace KernelPrBot.Checks.Tests.Index;

public sealed class SymbolScannerTests
{
    private static SymbolIndex Scan(string source)
    {
        var builder = new SymbolIndexBuilder();
        builder.AddSource(source);
        return builder.Build();
    }

    private static SymbolInfo Get(SymbolIndex index, string name) => index.Find(name) ?? throw new Xunit.Sdk.XunitException($"{name} is not in the index");

    [Fact]
    public void Finds_definitions_and_prototypes_with_parameter_counts()
    {
        var index = Scan("""
            int acme_probe(struct platform_device *pdev);
            static int acme_remove(struct platform_device *pdev, void (*cb)(int, int))
            {
            	return helper(pdev, 3);
            }
            void acme_none(void);
            __printf(2, 3) void acme_log(struct acme *a, const char *fmt, ...);
            struct page *acme_page(unsigned long pfn) __must_check;
            int __init acme_init(void)
            {
            	return 0;
            }
            """);
        Assert.Equal(SymbolKinds.Prototype, Get(index, "acme_probe").Kinds);
        Assert.Equal([new Arity(1, false)], Get(index, "acme_probe").Arities);
        Assert.Equal([new Arity(2, false)], Get(index, "acme_remove").Arities);
        Assert.Equal(SymbolKinds.Function, Get(index, "acme_remove").Kinds);
        Assert.Equal([new Arity(0, false)], Get(index, "acme_none").Arities);
        Assert.Equal([new Arity(2, true)], Get(index, "acme_log").Arities);
        Assert.Equal([new Arity(1, false)], Get(index, "acme_page").Arities);
        Assert.Equal([new Arity(0, false)], Get(index, "acme_init").Arities);
        Assert.Null(index.Find("helper"));
        Assert.Null(index.Find("__printf"));
        Assert.Null(index.Find("cb"));
    }

    [Fact]
    public void Finds_macros_with_their_parameters()
    {
        var index = Scan("""
            #define ACME_MAX(a, b) ((a) > (b) ? (a) : (b))
            #define acme_dbg(fmt, ...) pr_debug(fmt, ##__VA_ARGS__)
            #define acme_err(dev, fmt, args...) dev_err(dev, fmt, ## args)
            #define ACME_ALIAS acme_probe
            #define ACME_REG_CTRL 0x1c
            #define ACME_MASK (0xff << 8)
            #define ACME_NOT_FUNCTION (x)
            #define _ACME_H
            """);
        Assert.Equal([new Arity(2, false)], Get(index, "ACME_MAX").Arities);
        Assert.Equal(SymbolKinds.FunctionMacro, Get(index, "ACME_MAX").Kinds);
        Assert.Equal([new Arity(1, true)], Get(index, "acme_dbg").Arities);
        Assert.Equal([new Arity(2, true)], Get(index, "acme_err").Arities);
        Assert.Equal(SymbolKinds.ObjectMacro, Get(index, "ACME_ALIAS").Kinds);
        Assert.Equal(SymbolKinds.ObjectMacro, Get(index, "ACME_NOT_FUNCTION").Kinds);
        Assert.Null(index.Find("ACME_REG_CTRL"));
        Assert.Null(index.Find("ACME_MASK"));
        Assert.Null(index.Find("_ACME_H"));
    }

    [Fact]
    public void Keeps_every_arity_of_config_dependent_stubs()
    {
        var index = Scan("""
            #ifdef CONFIG_ACME
            int acme_attach(struct acme *a, int flags);
            #else
            static inline int acme_attach(struct acme *a)
            {
            	return -ENODEV;
            }
            #endif
            EXPORT_SYMBOL_GPL(acme_attach);
            """);
        var info = Get(index, "acme_attach");
        Assert.Equal([new Arity(1, false), new Arity(2, false)], info.Arities.OrderBy(a => a.Count));
        Assert.Equal(SymbolKinds.Prototype | SymbolKinds.Function | SymbolKinds.StaticInline | SymbolKinds.Exported, info.Kinds);
    }

    [Fact]
    public void Finds_types_tags_enum_constants_and_function_pointers()
    {
        var index = Scan("""
            typedef unsigned int acme_t;
            typedef int (*acme_cb_t)(struct acme *a, int event);
            typedef struct acme_regs {
            	u32 ctrl;
            } acme_regs_t;
            struct acme_dev;
            union acme_word { u32 w; u8 b[4]; };
            enum acme_state { ACME_IDLE, ACME_BUSY = 3, ACME_DEAD };
            void (*acme_hook)(int cpu, void *data);
            static const struct acme_ops acme_default_ops = { .start = acme_start, };
            """);
        Assert.Equal(SymbolKinds.Typedef, Get(index, "acme_t").Kinds);
        Assert.True(Get(index, "acme_cb_t").Kinds.HasFlag(SymbolKinds.Typedef));
        Assert.Equal(SymbolKinds.Typedef, Get(index, "acme_regs_t").Kinds);
        Assert.Equal(SymbolKinds.Struct, Get(index, "acme_regs").Kinds);
        Assert.Equal(SymbolKinds.Struct, Get(index, "acme_dev").Kinds);
        Assert.Equal(SymbolKinds.Union, Get(index, "acme_word").Kinds);
        Assert.Equal(SymbolKinds.Enum, Get(index, "acme_state").Kinds);
        Assert.All(new[] { "ACME_IDLE", "ACME_BUSY", "ACME_DEAD" }, n => Assert.Equal(SymbolKinds.EnumConstant, Get(index, n).Kinds));
        Assert.Equal(SymbolKinds.FunctionPointer, Get(index, "acme_hook").Kinds);
        Assert.Equal([new Arity(2, false)], Get(index, "acme_hook").Arities);
        Assert.Null(index.Find("acme_start"));
    }

    [Fact]
    public void Tracepoints_define_their_trace_functions()
    {
        var index = Scan("""
            TRACE_EVENT(acme_irq,
            	TP_PROTO(struct acme *a, int irq),
            	TP_ARGS(a, irq),
            	TP_STRUCT__entry(__field(int, irq)),
            	TP_fast_assign(__entry->irq = irq;),
            	TP_printk("irq=%d", __entry->irq)
            );
            DEFINE_EVENT(acme_class, acme_reset, TP_PROTO(struct acme *a), TP_ARGS(a));
            """);
        Assert.Equal([new Arity(2, false)], Get(index, "trace_acme_irq").Arities);
        Assert.Equal([new Arity(1, false)], Get(index, "trace_acme_reset").Arities);
        Assert.NotNull(index.Find("trace_acme_irq_enabled"));
        Assert.NotNull(index.Find("register_trace_acme_reset"));
    }

    [Fact]
    public void Macros_inside_function_bodies_and_unbalanced_ifdef_braces_are_handled()
    {
        var index = Scan("""
            static int acme_a(int x)
            {
            #define ACME_LOCAL(v) ((v) + 1)
            #ifdef CONFIG_X
            	if (x) {
            #else
            	if (!x) {
            #endif
            		x++;
            	}
            	return x;
            }
            static int acme_b(int y, int z)
            {
            	return y;
            }
            """);
        Assert.NotNull(index.Find("ACME_LOCAL"));
        Assert.Equal([new Arity(2, false)], Get(index, "acme_b").Arities);
        Assert.Null(index.Find("x"));
    }

    [Fact]
    public void Names_pasted_by_generator_macros_are_defined_where_the_generators_are_invoked()
    {
        var builder = new SymbolIndexBuilder();
        builder.AddSource("""
            #define ____MAKE_OP(type, base) \
            static __always_inline __##type type##_get_bits(__##type v, base field) { return v; }
            #define __MAKE_OP(size) ____MAKE_OP(le##size, u##size)
            #define DEFINE_ACME_EVENT(name) DEFINE_EVENT(acme_class, name, TP_PROTO(int x), TP_ARGS(x))
            #define ACME_SYNC_REQUEST(name, spec...) static int name(struct acme *a) { return 0; }
            """);
        builder.AddSource("""
            __MAKE_OP(16)
            __MAKE_OP(32)
            DEFINE_ACME_EVENT(acme_reset);
            TRACE_EVENT(9p_dump, TP_PROTO(int a), TP_ARGS(a), TP_printk("%d", a));
            ACME_SYNC_REQUEST(__acme_rpm_get, { .id = 1 });
            """);
        var index = builder.Build();
        Assert.NotNull(index.Find("le16_get_bits"));
        Assert.NotNull(index.Find("le32_get_bits"));
        Assert.Null(index.Find("le64_get_bits"));
        Assert.NotNull(index.Find("trace_acme_reset"));
        Assert.NotNull(index.Find("trace_9p_dump"));
        Assert.Null(index.Find("__le16"));
        Assert.NotNull(index.Find("__acme_rpm_get"));
    }

    [Fact]
    public void A_lower_case_generator_invoked_as_a_statement_defines_its_pasted_names()
    {
        // drivers/net/dsa/b53/b53_priv.h makes b53_read8() … b53_write64() this way; a merged upstream patch calling
        // them must not get "b53_read8() is not defined".
        var builder = new SymbolIndexBuilder();
        builder.AddSource("""
            #define b53_build_op(type_op_size, val_type)				\
            static inline int b53_##type_op_size(struct b53_device *dev, u8 page,	\
            				     u8 reg, val_type val)		\
            {									\
            	return dev->ops->type_op_size(dev, page, reg, val);		\
            }

            b53_build_op(read8, u8 *);
            b53_build_op(write16, u16);
            """);
        var index = builder.Build();
        Assert.NotNull(index.Find("b53_read8"));
        Assert.NotNull(index.Find("b53_write16"));
        Assert.Null(index.Find("b53_read16"));
    }

    [Fact]
    public void A_lower_case_call_inside_a_declaration_is_not_taken_for_a_generator_invocation()
    {
        var builder = new SymbolIndexBuilder();
        builder.AddSource("""
            #define acme_op(name) static int acme_##name(void) { return 0; }
            int acme_table[] = { acme_op(hidden) };
            """);
        Assert.Null(builder.Build().Find("acme_hidden"));
    }

    [Fact]
    public void Lines_that_only_define_numbers_are_blanked_before_lexing_keeping_line_numbers()
    {
        var text = "#define mmREG 0x1234\n#define mmREG_BASE_IDX 0\n#define ACME_ALIAS acme_probe\n#define ACME_X (0x1 << 2) /* c */\nint acme(void);\n";
        var stripped = SymbolIndexBuilder.WithoutConstantDefines(text);
        Assert.Equal("\n\n#define ACME_ALIAS acme_probe\n#define ACME_X (0x1 << 2) /* c */\nint acme(void);\n", stripped);
        var unchanged = "#define ACME_ALIAS acme_probe\n";
        Assert.Same(unchanged, SymbolIndexBuilder.WithoutConstantDefines(unchanged));
    }

    [Fact]
    public void Only_defines_at_the_start_of_a_line_are_blanked_wherever_the_hash_is()
    {
        var text = "int a; /* see #define X 1 */\n  #  define ACME_A 1\r\n\t#define ACME_B (2)\nchar *s = \"#define C 3\";\n#define ACME_C 4";
        var stripped = SymbolIndexBuilder.WithoutConstantDefines(text);
        Assert.Equal("int a; /* see #define X 1 */\n\n\nchar *s = \"#define C 3\";\n", stripped);
    }
}
