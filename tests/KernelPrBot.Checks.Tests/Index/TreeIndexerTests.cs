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

    /// <summary>What makes a directory a kernel tree: its Makefile and scripts/ (include/linux/ comes with the first header).</summary>
    private void WriteTopLevel()
    {
        Write("Makefile", "VERSION = 6\n");
        Directory.CreateDirectory(Path.Combine(_dir.Path, "scripts"));
    }

    [Fact]
    public void Indexes_sources_and_headers_of_a_small_tree()
    {
        WriteTopLevel();
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

    [Fact]
    public void Headers_an_architecture_generates_at_build_time_are_includable()
    {
        WriteTopLevel();
        Write("include/linux/acme.h", "int acme_probe(struct device *dev);\n");
        Write("arch/arm/include/asm/Kbuild", "# SPDX-License-Identifier: GPL-2.0\ngeneric-y += early_ioremap.h\ngenerated-y += mach-types.h\ngenerated-y += unistd-nr.h\n");
        Write("arch/arm/include/uapi/asm/Kbuild", "generated-y += unistd-common.h unistd-oabi.h\n");
        var (builder, _) = TreeIndexer.Scan(_dir.Path, workers: 1);
        var index = builder.Build();

        Assert.Contains("arch/arm/include/asm/mach-types.h", index.Headers);
        Assert.Contains("arch/arm/include/uapi/asm/unistd-oabi.h", index.Headers);
        Assert.DoesNotContain("arch/arm/include/asm/early_ioremap.h", index.Headers);
        Assert.True(index.IsIncludable("asm/mach-types.h") || index.HasHeaderEndingWith("asm/mach-types.h"));
    }

    [Theory]
    [InlineData("generated-y += a.h b.h\n", new[] { "a.h", "b.h" })]
    [InlineData("generated-y+=a.h\ngeneric-y += c.h\n", new[] { "a.h" })]
    [InlineData("generated-y += ../../etc/passwd.h sub/x.h Makefile\n", new string[0])]
    public void Generated_headers_are_read_from_kbuild_lines(string kbuild, string[] expected) =>
        Assert.Equal(expected, TreeIndexer.GeneratedHeaders(kbuild));
}
