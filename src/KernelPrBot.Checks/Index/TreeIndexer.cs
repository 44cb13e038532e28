using System.Buffers;
using System.Diagnostics;
using System.Text;
using KernelPrBot.Checks.Index.Summaries;

namespace KernelPrBot.Checks.Index;

/// <summary>
/// Builds a <see cref="SymbolIndex"/> from every <c>.c</c> and <c>.h</c> file of a kernel tree, scanning files
/// in parallel (one builder per worker, merged at the end). Symbolic links are not followed.
/// </summary>
public static class TreeIndexer
{
    /// <summary>
    /// Reads a source file as UTF-8 through pooled buffers (faster than File.ReadAllText over 60,000 files), with its
    /// constant-only <c>#define</c> lines emptied before the string of the file is made; also the file as read when
    /// <paramref name="keepOriginal"/>, and the characters read.
    /// </summary>
    private static (string Text, string? Original, int Characters) ReadSource(string path, bool keepOriginal)
    {
        using var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read, FileOptions.SequentialScan);
        var length = (int)Math.Min(RandomAccess.GetLength(handle), int.MaxValue / 2);
        var bytes = ArrayPool<byte>.Shared.Rent(Math.Max(length, 1));
        char[]? chars = null;
        try
        {
            var done = 0;
            while (done < length)
            {
                var read = RandomAccess.Read(handle, bytes.AsSpan(done, length - done), done);
                if (read == 0)
                {
                    break;
                }

                done += read;
            }

            chars = ArrayPool<char>.Shared.Rent(Math.Max(Encoding.UTF8.GetMaxCharCount(done), 1));
            var decoded = Encoding.UTF8.GetChars(bytes, 0, done, chars, 0);
            var stripped = SymbolIndexBuilder.StripConstantDefines(chars.AsMemory(0, decoded));
            var original = keepOriginal || stripped is null ? new string(chars, 0, decoded) : null;
            return (stripped ?? original!, keepOriginal ? original : null, decoded);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(bytes);
            if (chars is not null)
            {
                ArrayPool<char>.Shared.Return(chars);
            }
        }
    }

    /// <summary>What makes a directory a kernel tree: a top-level Makefile, include/linux/ and scripts/.</summary>
    public static bool IsKernelTree(string dir) =>
        File.Exists(Path.Combine(dir, "Makefile")) && Directory.Exists(Path.Combine(dir, "include", "linux")) && Directory.Exists(Path.Combine(dir, "scripts"));

    /// <summary>The .c and .h files of the tree, relative with '/', in ordinal order.</summary>
    public static List<string> SourceFiles(string tree)
    {
        var root = Path.GetFullPath(tree);
        var options = new EnumerationOptions
        {
            RecurseSubdirectories = true,
            AttributesToSkip = FileAttributes.ReparsePoint,
            IgnoreInaccessible = true,
            ReturnSpecialDirectories = false,
        };
        var files = new List<string>();
        foreach (var full in Directory.EnumerateFiles(root, "*.?", options))
        {
            if (full.EndsWith(".c", StringComparison.Ordinal) || full.EndsWith(".h", StringComparison.Ordinal))
            {
                var relative = Path.GetRelativePath(root, full).Replace(Path.DirectorySeparatorChar, '/');
                if (!relative.StartsWith(".git/", StringComparison.Ordinal))
                {
                    files.Add(relative);
                }
            }
        }

        files.Sort(StringComparer.Ordinal);
        return files;
    }

    /// <summary>
    /// Names of headers the build generates from data files of the tree: ARM's mach-types.h from
    /// arch/arm/tools/mach-types (<c>machine_is_NAME()</c> and <c>MACH_TYPE_NAME</c>); and the headers each
    /// architecture's Kbuild lists as <c>generated-y</c> (<c>&lt;asm/mach-types.h&gt;</c>, <c>&lt;asm/sysreg-defs.h&gt;</c>), which
    /// exist only after a build but are includable all the same.
    /// </summary>
    public static void AddGeneratedHeaders(string root, SymbolIndexBuilder builder)
    {
        var arches = Path.Combine(root, "arch");
        if (Directory.Exists(arches))
        {
            foreach (var arch in Directory.EnumerateDirectories(arches).Order(StringComparer.Ordinal))
            {
                foreach (var asm in (string[])["include/asm", "include/uapi/asm"])
                {
                    var kbuild = Path.Combine(arch, asm, "Kbuild");
                    if (File.Exists(kbuild))
                    {
                        foreach (var header in GeneratedHeaders(File.ReadAllText(kbuild)))
                        {
                            builder.AddHeader($"arch/{Path.GetFileName(arch)}/{asm}/{header}");
                        }
                    }
                }
            }
        }

        var machTypes = Path.Combine(root, "arch", "arm", "tools", "mach-types");
        if (File.Exists(machTypes))
        {
            AddMachTypes(File.ReadAllText(machTypes), builder);
        }
    }

    /// <summary>The names a Kbuild file lists in <c>generated-y += a.h b.h</c> lines.</summary>
    public static IEnumerable<string> GeneratedHeaders(string kbuild)
    {
        ArgumentNullException.ThrowIfNull(kbuild);
        foreach (var line in kbuild.Split('\n'))
        {
            var text = line.Trim();
            if (!text.StartsWith("generated-y", StringComparison.Ordinal) || text.IndexOf("+=", StringComparison.Ordinal) is not (> 0 and var at))
            {
                continue;
            }

            foreach (var name in text[(at + 2)..].Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
            {
                if (name.EndsWith(".h", StringComparison.Ordinal) && !name.Contains('/', StringComparison.Ordinal) && !name.Contains("..", StringComparison.Ordinal))
                {
                    yield return name;
                }
            }
        }
    }

    public static void AddMachTypes(string text, SymbolIndexBuilder builder)
    {
        foreach (var line in text.Split('\n'))
        {
            var fields = line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length < 4 || fields[0].StartsWith('#'))
            {
                continue;
            }

            builder.Add("machine_is_" + fields[0], SymbolKinds.FunctionMacro, new Arity(0, false), 0);
            builder.Add("MACH_TYPE_" + fields[2], SymbolKinds.ObjectMacro, null, 0);
        }
    }

    /// <summary>Scans the tree; <paramref name="progress"/> gets (files done, files in all) now and then.</summary>
    public static (SymbolIndexBuilder Builder, IndexStatistics Statistics) Scan(string tree, Action<int, int>? progress = null, int? workers = null)
    {
        if (!IsKernelTree(tree))
        {
            throw new IndexFormatException($"{tree} is not a kernel tree (no Makefile, include/linux/ and scripts/)");
        }

        var clock = Stopwatch.StartNew();
        var root = Path.GetFullPath(tree);
        var files = SourceFiles(root);
        var locals = new List<SymbolIndexBuilder>();
        var gate = new Lock();
        var done = 0;
        long bytes = 0;
        var options = new ParallelOptions { MaxDegreeOfParallelism = workers ?? Environment.ProcessorCount };
        Parallel.ForEach(
            files,
            options,
            () => new SymbolIndexBuilder(),
            (relative, _, local) =>
            {
                var (text, original, characters) = ReadSource(Path.Combine(root, relative), SymbolIndexBuilder.IsCoreHeader(relative));
                Interlocked.Add(ref bytes, characters);
                local.AddStrippedSource(text, relative, original);
                if (relative.EndsWith(".h", StringComparison.Ordinal))
                {
                    local.AddHeader(relative);
                }

                var n = Interlocked.Increment(ref done);
                if (progress is not null && (n % 500 == 0 || n == files.Count))
                {
                    progress(n, files.Count);
                }

                return local;
            },
            local =>
            {
                lock (gate)
                {
                    locals.Add(local);
                }
            });
        var merged = locals.Count == 0 ? new SymbolIndexBuilder() : locals.MaxBy(l => l.SymbolCount)!;
        var others = locals.Where(l => !ReferenceEquals(l, merged)).ToList();
        foreach (var other in others)
        {
            merged.MergeGraphFrom(other);
        }

        var netdevices = Path.Combine(root, DocumentedSlots.NetDevicesDocument);
        if (File.Exists(netdevices))
        {
            merged.AddDocumentedSlots(DocumentedSlots.FromNetDevices(File.ReadAllText(netdevices)));
        }

        // The summaries are solved on another core while the names are merged, resolved and sorted.
        merged.BeginSolving();
        foreach (var other in others)
        {
            merged.MergeNamesFrom(other);
        }

        AddGeneratedHeaders(root, merged);

        return (merged, new IndexStatistics(files.Count, bytes, merged.SymbolCount, merged.HeaderCount, clock.Elapsed));
    }
}
