using System.Diagnostics;

namespace KernelPrBot.Testing;

/// <summary>
/// The real kernel tree for tests: KPB_KERNEL_TREE, or the Debian linux-source package extracted once into
/// /var/cache/kernel-pr-bot. Null when neither exists (tests that need it are then skipped, except under CI).
/// </summary>
public static class KernelTree
{
    public const string DefaultCache = "/var/cache/kernel-pr-bot";
    public const string Package = "/usr/src/linux-source-6.12.tar.xz";

    private static readonly Lazy<string?> Located = new(Locate);

    public static string? Path => Located.Value;

    public static bool RequiredByCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    private static string? Locate()
    {
        var fromEnv = Environment.GetEnvironmentVariable("KPB_KERNEL_TREE");
        if (!string.IsNullOrEmpty(fromEnv))
        {
            return IsTree(fromEnv) ? fromEnv : null;
        }

        var cached = System.IO.Path.Combine(DefaultCache, "linux-source-6.12");
        if (IsTree(cached))
        {
            return cached;
        }

        if (!File.Exists(Package))
        {
            return null;
        }

        Directory.CreateDirectory(DefaultCache);
        using var tar = ChildProcess.Start(new ProcessStartInfo("tar", ["xJf", Package, "-C", DefaultCache]) { RedirectStandardError = true });
        tar.Process.WaitForExit();
        return tar.Process.ExitCode == 0 && IsTree(cached) ? cached : null;
    }

    private static bool IsTree(string dir) =>
        File.Exists(System.IO.Path.Combine(dir, "scripts", "checkpatch.pl")) && File.Exists(System.IO.Path.Combine(dir, "MAINTAINERS"));
}
