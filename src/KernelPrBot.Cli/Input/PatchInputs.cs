using KernelPrBot.Checks.Patches;

namespace KernelPrBot.Cli.Input;

/// <summary>
/// Reads what <c>check</c> was given: patch files, directories of them, standard input, or git revisions, each read
/// once so that the parser and checkpatch.pl see the same bytes.
/// </summary>
public sealed class PatchInputs
{
    private readonly Dictionary<string, byte[]> _bytes = new(StringComparer.Ordinal);
    private readonly List<PatchSeries> _parsed = [];

    private PatchInputs()
    {
    }

    /// <summary>The bytes each patch was read from, by its source name: what checkpatch.pl is given.</summary>
    public IReadOnlyDictionary<string, byte[]> Bytes => _bytes;

    public PatchSeries Series => PatchSeries.Combine(_parsed);

    /// <param name="gitRepository">Where revisions are read (null: the current directory). An argument that is not a file or
    /// directory is read as a revision unless it is named like a patch file.</param>
    public static PatchInputs Read(IReadOnlyList<string> arguments, Stream stdin, long maxBytes, string? gitRepository)
    {
        var inputs = new PatchInputs();
        foreach (var argument in arguments)
        {
            if (argument == "-")
            {
                if (ReadStdin(stdin, maxBytes) is { } bytes)
                {
                    inputs.Add("<stdin>", bytes);
                }
                else
                {
                    inputs._parsed.Add(PatchParser.Failed("<stdin>", $"standard input is larger than {maxBytes / (1024 * 1024)} MiB"));
                }
            }
            else if (Directory.Exists(argument))
            {
                foreach (var file in PatchFilesIn(argument))
                {
                    inputs.AddFile(file, maxBytes);
                }
            }
            else if (File.Exists(argument) || IsPatchFileName(argument))
            {
                inputs.AddFile(argument, maxBytes); // a missing file is reported as one by the parser
            }
            else
            {
                foreach (var (name, bytes) in GitRevisions.FormatPatch(argument, gitRepository ?? "."))
                {
                    inputs.Add(name, bytes);
                }
            }
        }

        return inputs;
    }

    private void AddFile(string file, long maxBytes)
    {
        var info = new FileInfo(file);
        if (!info.Exists || info.Length > maxBytes)
        {
            _parsed.Add(PatchParser.ParseFile(file, maxBytes)); // says why
            return;
        }

        Add(file, File.ReadAllBytes(file));
    }

    private void Add(string source, byte[] bytes)
    {
        var parsed = PatchParser.Parse(bytes, source);
        _bytes[source] = bytes;
        _parsed.Add(parsed);
    }

    private static bool IsPatchFileName(string argument) =>
        !GitRevisions.LooksLikeRevision(argument) ||
        argument.EndsWith(".patch", StringComparison.Ordinal) || argument.EndsWith(".diff", StringComparison.Ordinal) || argument.EndsWith(".mbox", StringComparison.Ordinal);

    private static List<string> PatchFilesIn(string directory)
    {
        var files = Directory.EnumerateFiles(directory)
            .Where(f => f.EndsWith(".patch", StringComparison.Ordinal) || f.EndsWith(".diff", StringComparison.Ordinal) || f.EndsWith(".mbox", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .ToList();
        return files.Count > 0 ? files : throw new UsageException($"{directory}: the directory has no .patch, .diff or .mbox files");
    }

    /// <summary>Standard input, or null when it is larger than the limit.</summary>
    private static byte[]? ReadStdin(Stream stdin, long maxBytes)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = stdin.Read(chunk, 0, chunk.Length)) > 0)
        {
            if (buffer.Length + read > maxBytes)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }
}
