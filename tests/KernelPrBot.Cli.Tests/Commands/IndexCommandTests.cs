using KernelPrBot.Testing;
using Xunit;

namespace KernelPrBot.Cli.Tests.Commands;

public sealed class IndexCommandTests : IDisposable
{
    private readonly TempDirectory _dir = new("cli-index");

    public void Dispose() => _dir.Dispose();

    private string Write(string path, string content)
    {
        var full = Path.Combine(_dir.Path, path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.WriteAllText(full, content);
        return full;
    }

    private string SmallTree()
    {
        Write("tree/Makefile", "VERSION = 6\n");
        Directory.CreateDirectory(Path.Combine(_dir.Path, "tree", "scripts"));
        Write("tree/include/linux/slab.h", "void *kmalloc(size_t size, gfp_t flags);\nvoid kfree(const void *p);\n");
        return Path.Combine(_dir.Path, "tree");
    }

    private static string Patch => new PatchBuilder().SignedOffByAuthor()
        .AddFile("drivers/misc/acme.c", "// SPDX-License-Identifier: GPL-2.0\n#include <linux/slab.h>\n#include <linux/slob.h>\n\nvoid *acme(void)\n{\n\treturn kmalloc_zeroed(8, GFP_KERNEL);\n}\n")
        .Build();

    [Fact]
    public void Builds_an_index_that_check_uses()
    {
        var output = Path.Combine(_dir.Path, "kernel.idx");
        var run = CliRun.Of(["index", "--tree", SmallTree(), "-o", output]);
        Assert.Equal(0, run.Exit);
        Assert.Matches(@"indexed 1 files .*: 2 symbols, 1 headers; .* MiB; [0-9.]+ s", run.Stderr);
        Assert.DoesNotContain("\r", run.Stderr, StringComparison.Ordinal);

        var check = CliRun.Of(["check", "--index", output, "--fail-on", "never", Write("a.patch", Patch)]);
        Assert.Contains("kmalloc_zeroed() is not defined in the tree or in this patch; did you mean kmalloc()? [unknown-symbol]", check.Stdout, StringComparison.Ordinal);
        Assert.Contains("<linux/slob.h> does not exist in the tree or in this patch; did you mean <linux/slab.h>? [unknown-header]", check.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("unknown-header skipped", check.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_an_index_check_says_the_api_checks_were_skipped()
    {
        var check = CliRun.Of(["check", "--fail-on", "never", Write("a.patch", Patch)]);
        Assert.Contains("note: unknown-symbol, wrong-arity and unknown-header skipped: no symbol index (use --index FILE or --tree DIR)", check.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void A_directory_that_is_not_a_kernel_tree_is_a_clear_error()
    {
        Write("notatree/README", "hello\n");
        var run = CliRun.Of(["index", "--tree", Path.Combine(_dir.Path, "notatree"), "-o", Path.Combine(_dir.Path, "x.idx")]);
        Assert.Equal(2, run.Exit);
        Assert.Contains("is not the top directory of a kernel tree", run.Stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_dir.Path, "x.idx")));
    }

    [Theory]
    [InlineData("garbage", "wrong magic")]
    [InlineData("truncated", "truncated")]
    [InlineData("version", "format version")]
    public void Bad_index_files_are_clear_errors(string kind, string expected)
    {
        var good = Path.Combine(_dir.Path, "good.idx");
        Assert.Equal(0, CliRun.Of(["index", "--tree", SmallTree(), "-o", good]).Exit);
        var bytes = File.ReadAllBytes(good);
        var bad = kind switch
        {
            "garbage" => "this is not an index"u8.ToArray(),
            "truncated" => bytes[..(bytes.Length - 5)],
            _ => [.. bytes[..8], 7, .. bytes[9..]],
        };
        var path = Path.Combine(_dir.Path, "bad.idx");
        File.WriteAllBytes(path, bad);
        var run = CliRun.Of(["check", "--index", path, Write("a.patch", Patch)]);
        Assert.Equal(2, run.Exit);
        Assert.Contains(expected, run.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_with_a_kernel_tree_builds_and_reuses_a_cached_index()
    {
        var tree = SmallTree();
        var cache = Path.Combine(_dir.Path, "cache");
        var previous = Environment.GetEnvironmentVariable("XDG_CACHE_HOME");
        Environment.SetEnvironmentVariable("XDG_CACHE_HOME", cache);
        try
        {
            var first = CliRun.Of(["check", "--tree", tree, "--fail-on", "never", Write("a.patch", Patch)]);
            Assert.Contains("[unknown-symbol]", first.Stdout, StringComparison.Ordinal);
            Assert.Single(Directory.GetFiles(Path.Combine(cache, "kernel-pr-bot"), "index-*.idx"));
            var second = CliRun.Of(["check", "--tree", tree, "--fail-on", "never", Write("a.patch", Patch)]);
            Assert.Equal(first.Stdout, second.Stdout);
            Assert.DoesNotContain("indexing", second.Stderr, StringComparison.Ordinal);
        }
        finally
        {
            Environment.SetEnvironmentVariable("XDG_CACHE_HOME", previous);
        }
    }
}
