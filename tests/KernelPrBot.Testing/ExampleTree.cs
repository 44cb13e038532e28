namespace KernelPrBot.Testing;

/// <summary>
/// The tree the example series applies to, assembled once per test process: the kernel files (Makefile, MAINTAINERS,
/// LICENSES/, include/) come from the linux-source package at run time, never from this repository; only the fictional
/// acme driver and its MAINTAINERS entry are examples/acme-driver's own. scripts/example-tree.sh does the same for users.
/// </summary>
public static class ExampleTree
{
    private static readonly Lazy<string> Assembled = new(Assemble);
    private static TempDirectory? _directory;

    public static string Path => Assembled.Value;

    private static string Assemble()
    {
        var kernel = KernelTree.Path ?? throw new InvalidOperationException("the example tree needs the kernel tree (scripts/install-test-tools.sh)");
        _directory = new TempDirectory("example-tree"); // deleted when the test process exits
        var root = _directory.Path;
        File.Copy(System.IO.Path.Combine(kernel, "Makefile"), System.IO.Path.Combine(root, "Makefile"));
        var maintainers = File.ReadAllText(System.IO.Path.Combine(kernel, "MAINTAINERS")) + "\n" +
            File.ReadAllText(TestPaths.InRepo("examples", "acme-driver", "MAINTAINERS.acme"));
        File.WriteAllText(System.IO.Path.Combine(root, "MAINTAINERS"), maintainers);
        CopyDirectory(System.IO.Path.Combine(kernel, "LICENSES"), System.IO.Path.Combine(root, "LICENSES"));
        CopyDirectory(System.IO.Path.Combine(kernel, "include"), System.IO.Path.Combine(root, "include"));
        Directory.CreateDirectory(System.IO.Path.Combine(root, "scripts"));
        CopyDirectory(TestPaths.InRepo("examples", "acme-driver", "drivers"), System.IO.Path.Combine(root, "drivers"));
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
