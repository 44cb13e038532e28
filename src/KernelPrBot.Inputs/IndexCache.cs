using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using KernelPrBot.Checks.Index;

namespace KernelPrBot.Inputs;

/// <summary>
/// The symbol index of a trusted tree (<c>check --tree</c>, the bot's <c>Index:Tree</c>), built once and kept under <c>$XDG_CACHE_HOME/kernel-pr-bot</c>
/// (or <c>~/.cache/kernel-pr-bot</c>). The key is the tree's full path, the top-level Makefile's size and time,
/// and the times of the directories two levels deep (they change when files are added or removed there), and the build
/// of the program (an upgraded bot summarises the tree anew: the index format can stay while what it records grows).
/// </summary>
public static class IndexCache
{
    public static string Directory
    {
        get
        {
            var xdg = Environment.GetEnvironmentVariable("XDG_CACHE_HOME");
            var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
            var root = string.IsNullOrEmpty(xdg) ? Path.Combine(home, ".cache") : xdg;
            return Path.Combine(root, "kernel-pr-bot");
        }
    }

    public static string Key(KernelTree tree)
    {
        ArgumentNullException.ThrowIfNull(tree);
        var root = tree.Root;
        var sb = new StringBuilder(root).Append('\n');
        var makefile = new FileInfo(Path.Combine(root, "Makefile"));
        sb.Append(CultureInfo.InvariantCulture, $"{makefile.Length} {makefile.LastWriteTimeUtc.Ticks}\n");
        var options = new EnumerationOptions { RecurseSubdirectories = true, MaxRecursionDepth = 1, AttributesToSkip = FileAttributes.ReparsePoint, IgnoreInaccessible = true };
        foreach (var dir in System.IO.Directory.EnumerateDirectories(root, "*", options).Order(StringComparer.Ordinal))
        {
            sb.Append(CultureInfo.InvariantCulture, $"{dir} {System.IO.Directory.GetLastWriteTimeUtc(dir).Ticks}\n");
        }

        sb.Append(SymbolIndexFormat.Version).Append('\n').Append(BuildStamp);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(sb.ToString())))[..20];
    }

    /// <summary>
    /// The build of the code that writes indexes: size and time of the library's file, or of the program itself when it
    /// is one native file (Native AOT has no assembly file).
    /// </summary>
    internal static string BuildStamp { get; } = Stamp();

    private static string Stamp()
    {
        var library = Path.Combine(AppContext.BaseDirectory, typeof(SymbolIndex).Assembly.GetName().Name + ".dll");
        var file = File.Exists(library) ? library : Environment.ProcessPath;
        if (string.IsNullOrEmpty(file) || !File.Exists(file))
        {
            return ProductVersionText;
        }

        var info = new FileInfo(file);
        return string.Create(CultureInfo.InvariantCulture, $"{ProductVersionText} {info.Length} {info.LastWriteTimeUtc.Ticks}");
    }

    private static string ProductVersionText => KernelPrBot.Checks.ProductVersion.Current;

    /// <summary>Loads the cached index of the tree, or builds and caches it (progress on stderr when it is a terminal).</summary>
    public static SymbolIndex LoadOrBuild(KernelTree tree, TextWriter stderr, bool stderrIsTerminal)
    {
        ArgumentNullException.ThrowIfNull(stderr);
        var path = Path.Combine(Directory, $"index-{Key(tree)}.idx");
        if (File.Exists(path))
        {
            try
            {
                return SymbolIndex.Load(path);
            }
            catch (IndexFormatException ex)
            {
                stderr.WriteLine($"kernel-pr-bot: rebuilding the cached index: {ex.Message}");
            }
        }

        stderr.WriteLine($"kernel-pr-bot: indexing {tree} (once; cached in {Directory})");
        var builder = TreeIndexing.Build(tree, stderr, stderrIsTerminal, out _);
        System.IO.Directory.CreateDirectory(Directory);
        var temporary = path + "." + Environment.ProcessId + ".tmp";
        using (var stream = File.Create(temporary))
        {
            builder.Write(stream);
        }

        File.Move(temporary, path, overwrite: true);
        return SymbolIndex.Load(path);
    }
}
