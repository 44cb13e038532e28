using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using KernelPrBot.Checks.Index;

namespace KernelPrBot.ModelReview.Tools;

/// <summary>
/// The kernel model as the model's tools, all read-only and bounded: read a range of a file (patched or base), find a
/// function's definition, its callers, its summary from the tree's index (may sleep, atomic entry, lock effects and
/// requirements, each with its witness), and grep. Every answer is cut to <see cref="MaxResult"/> characters.
/// </summary>
internal sealed class KernelToolbox
{
    public const int MaxResult = 12_000;
    private const int MaxLinesRead = 200;
    private const int MaxDefinitionLines = 150;
    private static readonly TimeSpan RegexTimeout = TimeSpan.FromMilliseconds(200);

    private readonly TreeFiles _files;
    private readonly TreeKnowledge? _knowledge;
    private readonly IReadOnlyList<string> _nearDirectories;

    public KernelToolbox(TreeFiles files, TreeKnowledge? knowledge)
    {
        _files = files;
        _knowledge = knowledge;
        // Where a driver's own helpers live: the changed files' directories and their parents, up to two levels.
        _nearDirectories = files.PatchedPaths.SelectMany(Parents).Distinct(StringComparer.Ordinal).ToList();
        Tools =
        [
            new KernelTool("read_file", "Read lines of a file of the kernel tree: the pull request's patched version (default) or the base version. At most 200 lines a call.",
                """{"type":"object","properties":{"path":{"type":"string","description":"path relative to the tree root"},"start_line":{"type":"integer"},"end_line":{"type":"integer"},"version":{"type":"string","enum":["patched","base"]}},"required":["path","start_line","end_line"]}""",
                ReadFile),
            new KernelTool("find_function", "Find the definition of a C function (patched files first, then the driver's directories, then include/) and return its text with line numbers.",
                """{"type":"object","properties":{"name":{"type":"string"}},"required":["name"]}""",
                FindFunction),
            new KernelTool("function_summary", "What the tree's index knows of a function: whether it may sleep and through which calls, whether it runs in atomic context and why, the locks it takes, releases or needs held, whether it needs rcu_read_lock(), and a caller that calls it under a spinlock.",
                """{"type":"object","properties":{"name":{"type":"string"},"from_path":{"type":"string","description":"the file calling it (static functions are per file)"}},"required":["name"]}""",
                FunctionSummary),
            new KernelTool("find_callers", "Lines that call a function, under a directory (default: the directories of the changed files).",
                """{"type":"object","properties":{"name":{"type":"string"},"directory":{"type":"string"}},"required":["name"]}""",
                FindCallers),
            new KernelTool("grep", "Lines of C files under a directory that match a regular expression (.NET syntax). At most 40 matches.",
                """{"type":"object","properties":{"pattern":{"type":"string"},"directory":{"type":"string"}},"required":["pattern","directory"]}""",
                Grep),
        ];
    }

    public IReadOnlyList<KernelTool> Tools { get; }

    /// <summary>Runs a tool by name; a refused call answers with the reason, as the model should see it.</summary>
    public string Invoke(string name, IDictionary<string, object?>? arguments)
    {
        var tool = Tools.FirstOrDefault(t => t.Name == name);
        if (tool is null)
        {
            return $"error: there is no tool '{TreeFiles.Clip(name, 60)}'; the tools are {string.Join(", ", Tools.Select(t => t.Name))}";
        }

        try
        {
            return TreeFiles.Clip(tool.Run(arguments), MaxResult);
        }
        catch (ToolException ex)
        {
            return "error: " + ex.Message;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException)
        {
            return "error: could not read it (" + ex.GetType().Name + ")";
        }
    }

    private string ReadFile(ToolArguments args)
    {
        var path = TreeFiles.Check(args.Required("path"));
        var patched = !string.Equals(args.String("version"), "base", StringComparison.Ordinal);
        var lines = _files.Lines(path, patched) ?? throw new ToolException($"no file {path} in the {(patched ? "patched" : "base")} tree");
        var start = Math.Max(1, args.Int("start_line") ?? 1);
        var end = Math.Min(lines.Length, Math.Min(args.Int("end_line") ?? start + 99, start + MaxLinesRead - 1));
        if (start > lines.Length)
        {
            throw new ToolException($"{path} has {lines.Length} lines");
        }

        var text = new StringBuilder().Append(CultureInfo.InvariantCulture, $"{path} ({(patched ? "patched" : "base")}), lines {start}-{end} of {lines.Length}:\n");
        AppendNumbered(text, lines, start, end);
        return text.ToString();
    }

    private string FindFunction(ToolArguments args)
    {
        var name = Identifier(args.Required("name"));
        var definition = new Regex(@"^[A-Za-z_].*\b" + name + @"\s*\(", RegexOptions.None, RegexTimeout);
        var text = new StringBuilder();
        var found = 0;
        foreach (var directory in _nearDirectories.Append("include"))
        {
            foreach (var path in _files.CFiles(directory))
            {
                var lines = _files.Lines(path, patchedVersion: true);
                for (var i = 0; lines is not null && i < lines.Length && found < 2; i++)
                {
                    if (!definition.IsMatch(lines[i]) || lines[i].TrimEnd().EndsWith(';') || !OpensBody(lines, i))
                    {
                        continue;
                    }

                    var end = BodyEnd(lines, i);
                    text.Append(CultureInfo.InvariantCulture, $"{path}:{i + 1}:\n");
                    AppendNumbered(text, lines, i + 1, Math.Min(end + 1, i + MaxDefinitionLines));
                    found++;
                }

                if (found >= 2)
                {
                    return text.ToString();
                }
            }
        }

        if (found > 0)
        {
            return text.ToString();
        }

        var known = _knowledge?.Index.Find(name);
        return known is null
            ? $"{name} is not defined in the patched files, near them, in include/, or anywhere in the tree's index"
            : $"{name} is in the tree's index ({known.Kinds}) but not near the changed files; use grep with a directory to find it";
    }

    private string FunctionSummary(ToolArguments args)
    {
        if (_knowledge is null)
        {
            return "this bot has no index of the tree: no summaries";
        }

        var name = Identifier(args.Required("name"));
        var from = args.String("from_path") is { Length: > 0 } p ? TreeFiles.Check(p) : _files.PatchedPaths.FirstOrDefault() ?? string.Empty;
        var text = new StringBuilder().Append(CultureInfo.InvariantCulture, $"{name}() as called from {from}:\n");
        var info = _knowledge.Index.Find(name);
        text.Append(CultureInfo.InvariantCulture, $"- in the index: {(info is null ? "no" : $"{info.Kinds}, arities {string.Join("/", info.Arities)}")}\n");
        var sleep = _knowledge.MaySleep(name, from);
        text.Append("- may sleep: ").AppendLine(sleep is null ? "not known to (no sleeping call found on its paths)" : "yes: " + string.Join(", ", sleep.Select(s => s.ToString())));
        var rcu = _knowledge.NeedsRcu(name, from);
        text.Append("- needs rcu_read_lock() from its caller: ").AppendLine(rcu is null ? "no" : "yes: " + string.Join(", ", rcu.Select(s => s.ToString())));
        foreach (var isStatic in new[] { true, false })
        {
            if (_knowledge.AtomicEntry(name, from, isStatic) is { } entry)
            {
                text.Append(CultureInfo.InvariantCulture, $"- runs in atomic context: {entry.Reason} ({entry.Path}:{entry.Line})\n");
                break;
            }
        }

        foreach (var isStatic in new[] { true, false })
        {
            if (_knowledge.LockedCallerOf(name, from, isStatic) is { } caller)
            {
                text.Append(CultureInfo.InvariantCulture, $"- called under a spinlock: {caller}\n");
                break;
            }
        }

        foreach (var fact in _knowledge.LockFacts(name, from))
        {
            var what = fact.Kind switch
            {
                'T' => "returns holding",
                'U' => "releases its caller's",
                'K' => "takes on every path",
                'Q' => "needs held by its caller",
                _ => fact.Kind.ToString(),
            };
            text.Append(CultureInfo.InvariantCulture, $"- {what} {fact.Lock}: {fact}\n");
        }

        return text.ToString();
    }

    private string FindCallers(ToolArguments args)
    {
        var name = Identifier(args.Required("name"));
        var call = new Regex(@"\b" + name + @"\s*\(", RegexOptions.None, RegexTimeout);
        var directories = args.String("directory") is { Length: > 0 } d ? [d] : _nearDirectories.Take(1).ToList();
        var results = new List<string>();
        string? stopped = null;
        foreach (var directory in directories)
        {
            var (matches, why) = _files.Grep(call, directory, 30, line => !Regex.IsMatch(line, @"^[A-Za-z_]", RegexOptions.None, RegexTimeout));
            results.AddRange(matches);
            stopped ??= why;
        }

        return results.Count == 0 ? $"no call of {name}() under {string.Join(", ", directories)}" : string.Join('\n', results) + (stopped is null ? string.Empty : $"\n({stopped})");
    }

    private string Grep(ToolArguments args)
    {
        Regex pattern;
        try
        {
            pattern = new Regex(args.Required("pattern"), RegexOptions.None, RegexTimeout);
        }
        catch (ArgumentException ex)
        {
            throw new ToolException("the pattern is not a valid regular expression: " + ex.Message);
        }

        var directory = args.Required("directory").Trim().TrimEnd('/');
        var (matches, stopped) = _files.Grep(pattern, directory is "." or "" ? string.Empty : directory, 40);
        return matches.Count == 0 ? "no match" + (stopped is null ? string.Empty : $" ({stopped})") : string.Join('\n', matches) + (stopped is null ? string.Empty : $"\n({stopped})");
    }

    private static string Identifier(string name)
    {
        var trimmed = name.Trim().TrimEnd('(', ')');
        return trimmed.Length is > 0 and <= 128 && trimmed.All(c => char.IsAsciiLetterOrDigit(c) || c == '_')
            ? trimmed
            : throw new ToolException($"'{TreeFiles.Clip(name, 60)}' is not a C identifier");
    }

    private static IEnumerable<string> Parents(string path)
    {
        var dir = Path.GetDirectoryName(path)?.Replace('\\', '/');
        for (var level = 0; level < 3 && !string.IsNullOrEmpty(dir); level++)
        {
            yield return dir;
            dir = Path.GetDirectoryName(dir)?.Replace('\\', '/');
        }
    }

    private static bool OpensBody(string[] lines, int at)
    {
        for (var k = at; k < Math.Min(lines.Length, at + 8); k++)
        {
            if (lines[k].StartsWith('{') || lines[k].TrimEnd().EndsWith('{'))
            {
                return true;
            }

            if (lines[k].TrimEnd().EndsWith(';'))
            {
                return false;
            }
        }

        return false;
    }

    private static int BodyEnd(string[] lines, int at)
    {
        for (var k = at + 1; k < lines.Length; k++)
        {
            if (lines[k].StartsWith('}'))
            {
                return k;
            }
        }

        return lines.Length - 1;
    }

    private static void AppendNumbered(StringBuilder text, string[] lines, int start, int end)
    {
        for (var n = start; n <= end && n <= lines.Length; n++)
        {
            text.Append(n.ToString(CultureInfo.InvariantCulture)).Append('\t').AppendLine(TreeFiles.Clip(lines[n - 1], 300));
        }
    }
}
