using KernelPrBot.Checks.Index;
using KernelPrBot.Testing;
using Xunit;

namespace KernelPrBot.Checks.Tests.Index;

public sealed class TreeIndexerTests : IDisposable
{
    private readonly TempDirectory _dir = new("index");

    public void Dispose() => _dir.Dispose();

    private void Write(string path, string content)
    {
        var full = Path.Combine(_dir.Path, path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.WriteAllText(full, content);
    }

    [Fact]
    public void Indexes_sources_and_headers_of_a_small_tree()
    {
        Write("Makefile", "VERSION = 6\n");
        Directory.CreateDirectory(Path.Combine(_dir.Path, "scripts"));
        Write("include/linux/acme.h", "int acme_probe(struct device *dev);\n#define ACME_WAIT(x) msleep(x)\n");
        Write("drivers/misc/acme.c", "int acme_probe(struct device *dev)\n{\n\treturn 0;\n}\nEXPORT_SYMBOL(acme_probe);\n");
        Write("drivers/misc/acme.txt", "int not_indexed(void);\n");
        var (builder, stats) = TreeIndexer.Scan(_dir.Path, workers: 2);
        var index = builder.Build();
        Assert.Equal(2, stats.Files);
        Assert.Equal(SymbolKinds.Prototype | SymbolKinds.Function | SymbolKinds.Exported, index.Find("acme_probe")!.Kinds);
        Assert.NotNull(index.Find("ACME_WAIT"));
        Assert.Null(index.Find("not_indexed"));
        Assert.Equal(["include/linux/acme.h"], index.Headers);
    }

    [Fact]
    public void A_directory_that_is_not_a_kernel_tree_is_refused()
    {
        Write("README", "not a kernel\n");
        var ex = Assert.Throws<IndexFormatException>(() => TreeIndexer.Scan(_dir.Path));
        Assert.Contains("not a kernel tree", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Arm_machine_types_give_the_generated_machine_is_helpers()
    {
        var builder = new SymbolIndexBuilder();
        TreeIndexer.AddMachTypes("# comment\nnetwinder\t\tARCH_NETWINDER\t\tNETWINDER\t\t5\n", builder);
        var index = builder.Build();
        Assert.Equal([new Arity(0, false)], index.Find("machine_is_netwinder")!.Arities);
        Assert.NotNull(index.Find("MACH_TYPE_NETWINDER"));
    }
}
