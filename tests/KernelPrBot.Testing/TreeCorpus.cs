using System.Text.RegularExpressions;

namespace KernelPrBot.Testing;

/// <summary>
/// Mutation operators for the bugs only the whole-tree summaries can see, found by plain text patterns in the real
/// tree (not by the analysis under test):
/// <list type="bullet">
/// <item><c>slot-callback-sleep</c>: msleep() added to a function stored as .ndo_start_xmit, .ndo_set_rx_mode or
/// .ndo_tx_timeout (netdevices.rst: BHs disabled);</item>
/// <item><c>sleeping-callee-deep</c>: a call, under a spinlock, of a function of the same file whose main line calls
/// a function whose main line takes a mutex (two levels down), or one that takes it itself when there is none;</item>
/// <item><c>helper-locked-caller</c>: msleep() added to a non-static helper that the other files of its driver call
/// only inside a spin_lock*() region, on the lock's own branch (its name carries the driver's prefix, so no caller
/// outside hides).</item>
/// </list>
/// </summary>
public static partial class TreeCorpus
{
    public static readonly string[] Kinds = ["helper-locked-caller", "sleeping-callee-deep", "slot-callback-sleep"];

    [GeneratedRegex(@"^\s*\.(ndo_start_xmit|ndo_set_rx_mode|ndo_tx_timeout)\s*=\s*(\w+)\s*,", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex AtomicSlot();

    [GeneratedRegex(@"^\t(?:raw_)?spin_lock(?:_irqsave|_irq|_bh)?\s*\(.*\);\s*$", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex TopLevelSpinLock();

    [GeneratedRegex(@"^\tmutex_lock\(", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex TopLevelMutexLock();

    [GeneratedRegex(@"^\t(?:\w+\s*=\s*)?(\w+)\(", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex TopLevelCall();

    [GeneratedRegex(@"^(?:static\s+)?(?:inline\s+)?[a-z_][\w\s\*]*?\b(\w+)\(", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex DefinitionHead();

    /// <summary>Up to <paramref name="perKind"/> mutations of each kind, from files chosen with <paramref name="seed"/>.</summary>
    public static List<ContextCorpus.Mutation> Generate(string tree, int seed, int perKind)
    {
        var random = new Random(seed);
        var files = new[] { "drivers", "net", "sound" }
            .SelectMany(s => Directory.Exists(Path.Combine(tree, s)) ? Directory.EnumerateFiles(Path.Combine(tree, s), "*.c", SearchOption.AllDirectories) : [])
            .Order(StringComparer.Ordinal).ToList();
        Shuffle(files, random);
        var result = new List<ContextCorpus.Mutation>();
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        var driversSeen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var file in files)
        {
            if (Kinds.All(k => counts.GetValueOrDefault(k) >= perKind))
            {
                break;
            }

            var lines = Read(file);
            var path = Path.GetRelativePath(tree, file).Replace('\\', '/');
            var found = new List<ContextCorpus.Mutation>();
            if (counts.GetValueOrDefault("slot-callback-sleep") < perKind && SlotCallback(path, lines) is { } slot)
            {
                found.Add(slot);
            }

            if (counts.GetValueOrDefault("sleeping-callee-deep") < perKind && DeepCallee(path, lines, random) is { } deep)
            {
                found.Add(deep);
            }

            var driver = Path.GetDirectoryName(file)!;
            if (counts.GetValueOrDefault("helper-locked-caller") < perKind && driversSeen.Add(driver))
            {
                found.AddRange(LockedCallerHelper(tree, driver, random).Take(1));
            }

            foreach (var m in found)
            {
                counts[m.Kind] = counts.GetValueOrDefault(m.Kind) + 1;
                result.Add(m);
            }
        }

        return result;
    }

    private static string[] Read(string file) => File.ReadAllText(file).Replace("\r\n", "\n", StringComparison.Ordinal).TrimEnd('\n').Split('\n');

    private static ContextCorpus.Mutation? SlotCallback(string path, string[] lines)
    {
        foreach (var line in lines)
        {
            var m = AtomicSlot().Match(line);
            if (m.Success && BodyOpen(lines, m.Groups[2].Value) is { } open)
            {
                return Insert("slot-callback-sleep", path, lines, open + 1, "\tmsleep(1);");
            }
        }

        return null;
    }

    /// <summary>The line index of the '{' (at column 0) of the definition of <paramref name="name"/> in the file, or null.</summary>
    private static int? BodyOpen(string[] lines, string name)
    {
        for (var i = 0; i < lines.Length; i++)
        {
            var head = DefinitionHead().Match(lines[i]);
            if (!head.Success || head.Groups[1].Value != name || lines[i].TrimEnd().EndsWith(';'))
            {
                continue;
            }

            for (var k = i; k < lines.Length && k < i + 8; k++)
            {
                if (lines[k] == "{")
                {
                    return k;
                }

                if (lines[k].TrimEnd().EndsWith(';'))
                {
                    break;
                }
            }
        }

        return null;
    }

    /// <summary>Functions of the file with their body lines (between '{' and '}' at column 0) and whether they are static.</summary>
    private static List<(string Name, bool IsStatic, int Open, int Close)> Functions(string[] lines) =>
        CorpusFunctions.Find(lines).Select(f => (f.Name, f.IsStatic, f.Open, f.Close)).ToList();

    /// <summary>Body lines on the function's main line: one tab deep, before any label, not the body of an unbraced if/else/loop.</summary>
    private static IEnumerable<int> MainLine(string[] lines, int open, int close)
    {
        for (var k = open + 1; k < close; k++)
        {
            if (Regex.IsMatch(lines[k], @"^\w+:", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1)))
            {
                yield break;
            }

            var previous = lines[k - 1].Trim();
            if (lines[k].StartsWith('\t') && !lines[k].StartsWith("\t\t", StringComparison.Ordinal) && !lines[k].StartsWith("\t ", StringComparison.Ordinal) &&
                !(previous.StartsWith("if", StringComparison.Ordinal) || previous.StartsWith("else", StringComparison.Ordinal) || previous.StartsWith("for", StringComparison.Ordinal) ||
                  previous.StartsWith("while", StringComparison.Ordinal) || previous.EndsWith(',') || previous.EndsWith("&&", StringComparison.Ordinal) || previous.EndsWith("||", StringComparison.Ordinal)))
            {
                yield return k;
            }
        }
    }

    private static ContextCorpus.Mutation? DeepCallee(string path, string[] lines, Random random)
    {
        var functions = Functions(lines);
        var locking = functions.Where(f => MainLine(lines, f.Open, f.Close).TakeWhile(k => !lines[k].Contains("spin_lock", StringComparison.Ordinal)).Any(k => TopLevelMutexLock().IsMatch(lines[k])))
            .Select(f => f.Name).ToHashSet(StringComparer.Ordinal);
        if (locking.Count == 0)
        {
            return null;
        }

        var second = functions.Where(f => !locking.Contains(f.Name) && MainLine(lines, f.Open, f.Close)
                .TakeWhile(k => !lines[k].Contains("spin_lock", StringComparison.Ordinal) && !lines[k].Contains("rcu_read_lock", StringComparison.Ordinal))
                .Any(k => TopLevelCall().Match(lines[k]) is { Success: true } m && locking.Contains(m.Groups[1].Value)))
            .Select(f => f.Name).ToList();
        var callee = second.Count > 0 ? second[random.Next(second.Count)] : locking.Order(StringComparer.Ordinal).ElementAt(random.Next(locking.Count));
        var sites = Enumerable.Range(0, lines.Length).Where(i => TopLevelSpinLock().IsMatch(lines[i]) && i + 1 < lines.Length && lines[i + 1].StartsWith('\t') &&
                                                             !lines[i + 1].Contains('}', StringComparison.Ordinal) && !lines[i + 1].TrimStart().StartsWith('#')).ToList();
        if (sites.Count == 0)
        {
            return null;
        }

        var at = sites[random.Next(sites.Count)];
        return Insert("sleeping-callee-deep", path, lines, at + 1, $"\t{callee}(NULL);");
    }

    private static IEnumerable<ContextCorpus.Mutation> LockedCallerHelper(string tree, string driver, Random random)
    {
        var prefix = Path.GetFileName(driver) + "_";
        if (prefix.Length < 4)
        {
            yield break;
        }

        var sources = Directory.EnumerateFiles(driver, "*.c").Order(StringComparer.Ordinal).ToDictionary(f => f, Read, StringComparer.Ordinal);
        var headers = Directory.EnumerateFiles(driver, "*.h").Select(Read).ToList();
        var candidates = new List<ContextCorpus.Mutation>();
        foreach (var (file, lines) in sources)
        {
            foreach (var f in Functions(lines).Where(f => !f.IsStatic && f.Name.StartsWith(prefix, StringComparison.Ordinal)))
            {
                var word = new Regex($@"\b{Regex.Escape(f.Name)}\b", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
                var callers = new List<(string File, int Line)>();
                var clean = true;
                foreach (var (other, otherLines) in sources)
                {
                    for (var i = 0; i < otherLines.Length && clean; i++)
                    {
                        if (!word.IsMatch(otherLines[i]) || (other == file && i >= f.Open - 6 && i <= f.Open))
                        {
                            continue;
                        }

                        // Every use is a call statement inside a spin_lock*() region of another file.
                        var isCall = Regex.IsMatch(otherLines[i], $@"^\t+{Regex.Escape(f.Name)}\(", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
                        var locked = InSpinLockRegion(otherLines, i);
                        if (other == file || !isCall || !locked)
                        {
                            clean = false;
                        }
                        else
                        {
                            callers.Add((other, i));
                        }
                    }
                }

                if (clean && callers.Count > 0 && headers.All(h => h.Count(l => word.IsMatch(l)) <= 1))
                {
                    var path = Path.GetRelativePath(tree, file).Replace('\\', '/');
                    candidates.Add(Insert("helper-locked-caller", path, lines, f.Open + 1, "\tmsleep(1);"));
                }
            }
        }

        Shuffle(candidates, random);
        foreach (var c in candidates)
        {
            yield return c;
        }
    }

    /// <summary>Whether line <paramref name="at"/> follows a spin_lock*() statement with no unlock, return, goto or function end between.</summary>
    private static bool InSpinLockRegion(string[] lines, int at)
    {
        for (var k = at - 1; k >= 0 && k > at - 40; k--)
        {
            var line = lines[k];
            if (Regex.IsMatch(line, @"^\t+(?:raw_)?spin_lock(?:_irqsave|_irq|_bh)?\(.*\);\s*$", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1)))
            {
                return line.Length - line.TrimStart('\t').Length <= lines[at].Length - lines[at].TrimStart('\t').Length;
            }

            if (line.Contains("unlock", StringComparison.Ordinal) || line == "{" || line == "}" || line.Contains("return", StringComparison.Ordinal) ||
                line.Contains("goto ", StringComparison.Ordinal) || line.TrimStart().StartsWith("if", StringComparison.Ordinal) || line.TrimStart().StartsWith("} else", StringComparison.Ordinal) ||
                line.TrimStart().StartsWith("case ", StringComparison.Ordinal) || line.TrimEnd().EndsWith(':'))
            {
                return false;
            }
        }

        return false;
    }

    // A sleeping callee whose chain ends in an allocation is reported as a sleeping allocation: either rule finds the bug.
    private static ContextCorpus.Mutation Insert(string kind, string path, string[] lines, int at, string text) =>
        ContextCorpus.Insert(kind, path, lines, at, text, kind == "sleeping-callee-deep" ? "sleep-in-atomic|atomic-sleeping-alloc" : "sleep-in-atomic");

    private static void Shuffle<T>(List<T> list, Random random) => ContextCorpus.Shuffle(list, random);
}
