using Xunit;

namespace KernelPrBot.Testing.Tests.Support;

public sealed class TempDirectoryTests
{
    [Fact]
    public void Dispose_deletes_the_directory_with_everything_in_it()
    {
        string path;
        using (var temp = new TempDirectory("selftest"))
        {
            path = temp.Path;
            Assert.StartsWith(Path.Combine(Path.GetTempPath(), "kpb-selftest-"), path, StringComparison.Ordinal);
            Directory.CreateDirectory(temp.Combine("a", "b"));
            File.WriteAllText(temp.Combine("a", "b", "c.db"), "x");
            Assert.True(File.Exists(Path.Combine(path, "a", "b", "c.db")));
        }

        Assert.False(Directory.Exists(path));
    }

    [Fact]
    public void Disposing_twice_or_after_the_directory_went_is_harmless()
    {
        var temp = new TempDirectory("selftest");
        Directory.Delete(temp.Path);
        temp.Dispose();
        temp.Dispose();
        Assert.False(Directory.Exists(temp.Path));
    }
}
