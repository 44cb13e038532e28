using KernelPrBot.Checks;
using KernelPrBot.Inputs;
using KernelPrBot.Testing;
using Xunit;

namespace KernelPrBot.Cli.Tests.Input;

/// <summary>The cache key of a tree's index: stable for one tree and build, new when the tree or the program changes.</summary>
public sealed class IndexCacheTests : IDisposable
{
    private readonly TempDirectory _dir = new("index-cache-key");

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void The_key_is_stable_for_one_tree_and_changes_with_its_makefile()
    {
        var tree = Inputs.KernelTree.Open(KernelTreeSkeleton.AddTo(_dir.Path));
        var first = IndexCache.Key(tree);

        Assert.Equal(first, IndexCache.Key(tree));
        File.AppendAllText(Path.Combine(_dir.Path, "Makefile"), "SUBLEVEL = 1\n");
        Assert.NotEqual(first, IndexCache.Key(tree));
    }

    [Fact]
    public void The_build_stamp_names_the_version_and_the_file_of_the_code_that_writes_indexes()
    {
        // A rebuilt program changes the library's size or time, and with it the key: an upgraded bot does not reuse
        // an index whose summaries an older build wrote.
        var parts = IndexCache.BuildStamp.Split(' ');
        Assert.Equal(ProductVersion.Current, parts[0]);
        Assert.Equal(3, parts.Length);
        Assert.True(long.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture) > 0);
    }
}
