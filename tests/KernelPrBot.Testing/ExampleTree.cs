namespace KernelPrBot.Testing;

/// <summary>
/// The example tree with the kernel's real headers, assembled once per test process: the kernel files (Makefile,
/// MAINTAINERS, LICENSES/, include/) come from the linux-source package at run time, never from this repository; the
/// fictional acme driver and its MAINTAINERS section come from examples/tree, whose own headers are declaration-only
/// stand-ins (<see cref="Bundled"/>). scripts/example-tree.sh does the same for users.
/// </summary>
public static class ExampleTree
{
    private static readonly Lazy<string> Assembled = new(Assemble);
    private static TempDirectory? _directory;

    /// <summary>The miniature tree in the repository: the driver and stand-in headers, no kernel tree needed.</summary>
    public static string Bundled => TestPaths.InRepo("examples", "tree");

    public static string Path => Assembled.Value;

    private static string Assemble()
    {
        var kernel = KernelTree.Path ?? throw new InvalidOperationException("the example tree needs the kernel tree (scripts/install-test-tools.sh)");
        _directory = new TempDirectory("example-tree"); // deleted when the test process exits
        var root = _directory.Path;
        File.Copy(System.IO.Path.Combine(kernel, "Makefile"), System.IO.Path.Combine(root, "Makefile"));
        var bundledMaintainers = File.ReadAllText(System.IO.Path.Combine(Bundled, "MAINTAINERS"));
        var acmeSection = bundledMaintainers[bundledMaintainers.IndexOf("ACME ETHERNET DRIVER\n", StringComparison.Ordinal)..];
        var maintainers = File.ReadAllText(System.IO.Path.Combine(kernel, "MAINTAINERS")) + "\n" + acmeSection;
        File.WriteAllText(System.IO.Path.Combine(root, "MAINTAINERS"), maintainers);
        CopyDirectory(System.IO.Path.Combine(kernel, "LICENSES"), System.IO.Path.Combine(root, "LICENSES"));
        CopyDirectory(System.IO.Path.Combine(kernel, "include"), System.IO.Path.Combine(root, "include"));
        Directory.CreateDirectory(System.IO.Path.Combine(root, "scripts"));
        CopyDirectory(System.IO.Path.Combine(Bundled, "drivers"), System.IO.Path.Combine(root, "drivers"));
        return root;
    }

    private static void CopyDirectory(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = System.IO.Path.Combine(to, System.IO.Path.GetRelativePath(from, file));
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }
}
