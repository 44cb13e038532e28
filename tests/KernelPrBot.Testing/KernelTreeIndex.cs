using System.Security.Cryptography;
using System.Text;
using KernelPrBot.Checks.Index;

namespace KernelPrBot.Testing;

/// <summary>
/// The symbol index of the real kernel tree, built once and cached between test runs in the user's cache directory
/// ($XDG_CACHE_HOME or ~/.cache, under kernel-pr-bot/test-index): a cache kept on purpose, not a temporary file.
/// </summary>
public static class KernelTreeIndex
{
    private static readonly Lazy<SymbolIndex?> Loaded = new(Load);

    public static SymbolIndex? Index => Loaded.Value;

    private static SymbolIndex? Load()
    {
        if (KernelTree.Path is not { } tree)
        {
            return null;
        }

        var makefile = new FileInfo(System.IO.Path.Combine(tree, "Makefile"));
        var key = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(
            $"{System.IO.Path.GetFullPath(tree)}\n{makefile.Length}\n{makefile.LastWriteTimeUtc.Ticks}\n{SymbolIndexFormat.Version}\n{typeof(SymbolScanner).Assembly.ManifestModule.ModuleVersionId}")))[..16];
        var dir = System.IO.Path.Combine(CacheHome(), "kernel-pr-bot", "test-index");
        var path = System.IO.Path.Combine(dir, $"{key}.idx");
        if (File.Exists(path))
        {
            try
            {
                return SymbolIndex.Load(path);
            }
            catch (IndexFormatException)
            {
                File.Delete(path);
            }
        }

        Directory.CreateDirectory(dir);
        foreach (var old in Directory.GetFiles(dir, "*.idx"))
        {
            File.Delete(old);
        }

        var (builder, _) = TreeIndexer.Scan(tree);
        var temporary = path + "." + Environment.ProcessId + ".tmp";
        using (var stream = File.Create(temporary))
        {
            builder.Write(stream);
        }

        File.Move(temporary, path, overwrite: true);
        return SymbolIndex.Load(path);
    }

    private static string CacheHome()
    {
        var xdg = Environment.GetEnvironmentVariable("XDG_CACHE_HOME");
        return string.IsNullOrEmpty(xdg) ? System.IO.Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache") : xdg;
    }
}
