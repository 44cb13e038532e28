namespace KernelPrBot.Testing;

/// <summary>The entries that make a directory the top of a kernel tree (a Makefile, include/linux/, scripts/), for test trees.</summary>
public static class KernelTreeSkeleton
{
    public static string AddTo(string treeDirectory)
    {
        Directory.CreateDirectory(Path.Combine(treeDirectory, "include", "linux"));
        Directory.CreateDirectory(Path.Combine(treeDirectory, "scripts"));
        var makefile = Path.Combine(treeDirectory, "Makefile");
        if (!File.Exists(makefile))
        {
            File.WriteAllText(makefile, "VERSION = 6\nPATCHLEVEL = 12\n");
        }

        return treeDirectory;
    }
}
