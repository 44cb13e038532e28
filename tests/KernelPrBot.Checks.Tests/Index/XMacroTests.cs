using KernelPrBot.Checks.Index;
using Xunit;

namespace KernelPrBot.Checks.Tests.Index;

/// <summary>Names made by the x-macro idiom: a list macro of x(...) entries, expanded with the x of the file that uses the list.</summary>
public sealed class XMacroTests
{
    [Fact]
    public void A_list_of_x_entries_expands_with_the_x_defined_in_the_file_that_invokes_the_list()
    {
        var builder = new SymbolIndexBuilder();
        builder.AddSource("""
            #define BCH_BKEY_TYPES()				\
            	x(deleted,		0)			\
            	x(reflink_p,		15)
            """, "fs/bcachefs/bcachefs_format.h");
        builder.AddSource("""
            #define BKEY_VAL_ACCESSORS(name)				\
            static inline struct bkey_s_c_##name bkey_s_c_to_##name(struct bkey_s_c k)	\
            {									\
            	return (struct bkey_s_c_##name) { .k = k.k };			\
            }

            #define x(name, ...)					\
            	BKEY_VAL_ACCESSORS(name);
            BCH_BKEY_TYPES();
            #undef x
            """, "fs/bcachefs/bkey_types.h");
        builder.AddSource("""
            #define x(name, nr) KEY_TYPE_##name##_other(nr),
            """, "fs/other.h");
        var index = builder.Build();

        Assert.True(index.Contains("bkey_s_c_to_reflink_p"));
        Assert.True(index.Contains("bkey_s_c_to_deleted"));
        Assert.False(index.Contains("KEY_TYPE_reflink_p_other"));
    }
}
