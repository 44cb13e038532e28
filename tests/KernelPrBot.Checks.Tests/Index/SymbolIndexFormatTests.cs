using KernelPrBot.Checks.Index;
using Xunit;

namespace KernelPrBot.Checks.Tests.Index;

public sealed class SymbolIndexFormatTests
{
    private static byte[] SampleBytes(int functions = 100)
    {
        var builder = new SymbolIndexBuilder();
        for (var i = 0; i < functions; i++)
        {
            builder.Add($"acme_fn_{i:D4}", SymbolKinds.Function, new Arity(i % 5, i % 7 == 0), 1);
        }

        builder.Add("kmalloc", SymbolKinds.Function | SymbolKinds.Exported, new Arity(2, false), 1);
        builder.Add("kmalloc", SymbolKinds.FunctionMacro, new Arity(3, false), 1);
        builder.Add("spin_lock_irqsave", SymbolKinds.FunctionMacro, new Arity(2, false), 1);
        builder.Add("acme_state", SymbolKinds.Enum, null, 1);
        builder.AddHeader("include/linux/slab.h");
        builder.AddHeader("drivers/net/acme/acme.h");
        using var stream = new MemoryStream();
        builder.Write(stream);
        return stream.ToArray();
    }

    [Fact]
    public void Round_trips_names_kinds_arities_and_headers()
    {
        var index = SymbolIndex.Load(SampleBytes());
        Assert.Equal(103, index.SymbolCount);
        var kmalloc = index.Find("kmalloc")!;
        Assert.Equal(SymbolKinds.Function | SymbolKinds.Exported | SymbolKinds.FunctionMacro, kmalloc.Kinds);
        Assert.Equal([new Arity(2, false), new Arity(3, false)], kmalloc.Arities);
        Assert.Equal([new Arity(0, true)], index.Find("acme_fn_0000")!.Arities);
        Assert.Equal([new Arity(4, false)], index.Find("acme_fn_0099")!.Arities);
        Assert.Empty(index.Find("acme_state")!.Arities);
        Assert.Null(index.Find("acme_fn_0100"));
        Assert.Null(index.Find("a"));
        Assert.Null(index.Find("zzz"));
        Assert.True(index.HasHeader("include/linux/slab.h"));
        Assert.False(index.HasHeader("include/linux/slob.h"));
        Assert.Equal(103, index.Symbols().Count());
        Assert.Equal(index.Symbols().Select(s => s.Name).Order(StringComparer.Ordinal), index.Symbols().Select(s => s.Name));
    }

    [Fact]
    public void Suggests_near_names_best_first()
    {
        var index = SymbolIndex.Load(SampleBytes());
        Assert.Equal("spin_lock_irqsave", index.Suggest("spin_lock_irqsafe")[0]);
        Assert.Equal("spin_lock_irqsave", index.Suggest("spin_lcok_irqsave")[0]);
        Assert.Equal("kmalloc", index.Suggest("kmalloc_zeroed")[0]);
        Assert.True(index.Suggest("acme_fn_0012x").Count <= 3);
        Assert.Empty(index.Suggest("completely_unrelated_name"));
    }

    [Fact]
    public void Rejects_a_file_that_is_not_an_index()
    {
        var ex = Assert.Throws<IndexFormatException>(() => SymbolIndex.Load("hello, world"u8.ToArray()));
        Assert.Contains("wrong magic", ex.Message, StringComparison.Ordinal);
        Assert.Throws<IndexFormatException>(() => SymbolIndex.Load([]));
    }

    [Fact]
    public void Rejects_another_format_version()
    {
        var bytes = SampleBytes();
        bytes[8] = 99;
        var ex = Assert.Throws<IndexFormatException>(() => SymbolIndex.Load(bytes));
        Assert.Contains("version 99", ex.Message, StringComparison.Ordinal);
        Assert.Contains("rebuild", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Rejects_truncated_files_at_every_length()
    {
        var bytes = SampleBytes(20);
        for (var length = 0; length < bytes.Length; length++)
        {
            var ex = Assert.Throws<IndexFormatException>(() => SymbolIndex.Load(bytes[..length]));
            Assert.False(string.IsNullOrEmpty(ex.Message));
        }
    }

    [Fact]
    public void Rejects_any_damaged_byte()
    {
        var bytes = SampleBytes(20);
        for (var at = 0; at < bytes.Length; at++)
        {
            if (at is >= 28 and < 32)
            {
                continue; // The reserved word is not checked.
            }

            var damaged = (byte[])bytes.Clone();
            damaged[at] ^= 0x41;
            Assert.Throws<IndexFormatException>(() => SymbolIndex.Load(damaged));
        }
    }

    [Fact]
    public void Loading_a_missing_file_names_it()
    {
        var ex = Assert.Throws<IndexFormatException>(() => SymbolIndex.Load("/nonexistent/kernel.idx"));
        Assert.Contains("/nonexistent/kernel.idx", ex.Message, StringComparison.Ordinal);
    }
}
