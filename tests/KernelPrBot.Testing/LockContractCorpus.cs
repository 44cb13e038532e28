using System.Text.RegularExpressions;

namespace KernelPrBot.Testing;

/// <summary>
/// Mutation operators for the lock contracts that only the tree's lock facts show, found by plain text patterns in
/// the real tree (not by the analysis under test):
/// <list type="bullet">
/// <item><c>assert-lock-dropped</c>: a helper whose first statement is <c>lockdep_assert_held(&amp;param-&gt;f)</c> is
/// called under that lock; the unlock is moved to just before the call (lock-context-required at the call);</item>
/// <item><c>rcu-helper-moved-out</c>: a static helper that reads with rcu_dereference() and has no read section is
/// called inside its caller's only read section, in a caller that takes no lock; the rcu_read_lock() is moved to just after the call;</item>
/// <item><c>wrapper-release-removed</c>: a release wrapper defined in another file of the driver (a function whose one
/// lock call drops <c>param-&gt;f</c>) is called right before a return, and elsewhere in the function too; that call is
/// removed (lock-not-released at the return);</item>
/// <item><c>tree-helper-retakes-lock</c>: a one-parameter function of another file of the driver takes
/// <c>&amp;param-&gt;f</c> on its main line; a call of it is added right after a function takes <c>&amp;x-&gt;f</c> the
/// same way (lock-recursion at the call);</item>
/// <item><c>bh-lock-made-plain</c>: a lock class that the file's timer, tasklet or NAPI callback takes with
/// spin_lock() (or a hard-IRQ handler takes at all) is taken with spin_lock_bh()/_irq()/_irqsave() in a function of the
/// file that takes a mutex on its main line before any spinlock; the acquisition is made a plain spin_lock() (lock-irq-inconsistent).</item>
/// </list>
/// </summary>
public static partial class LockContractCorpus
{
    public static readonly string[] Kinds = ["assert-lock-dropped", "bh-lock-made-plain", "rcu-helper-moved-out", "tree-helper-retakes-lock", "wrapper-release-removed"];

    [GeneratedRegex(@"^\tlockdep_assert_held\(&(\w+)->([\w.]+)\);$", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex AssertHeld();

    [GeneratedRegex(@"^(\t+)(mutex_lock|spin_lock|spin_lock_bh|spin_lock_irq|down_write)\(&(\w+)->([\w.]+)\);$", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex LockLine();

    [GeneratedRegex(@"^(\t+)(mutex_unlock|spin_unlock|spin_unlock_bh|spin_unlock_irq|up_write)\(&(\w+)->([\w.]+)\);$", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex UnlockLine();

    [GeneratedRegex(@"^\s*return\b[^;]*;\s*$", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex ReturnLine();

    [GeneratedRegex(@"(?:timer_setup|tasklet_setup)\(&[\w.>-]+,\s*(\w+)\s*,|netif_napi_add\w*\([^,]+,\s*[^,]+,\s*(\w+)\s*[,)]|(?:devm_)?request_irq\([^,]+,\s*[^,]+,\s*(\w+)\s*,|^\s*request_irq\([^,]+,\s*(\w+)\s*,", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex SoftirqRegistration();

    /// <summary>Up to <paramref name="perKind"/> mutations of each kind, from directories chosen with <paramref name="seed"/>.</summary>
    public static List<ContextCorpus.Mutation> Generate(string tree, int seed, int perKind)
    {
        var random = new Random(seed);
        var directories = new[] { "drivers", "net", "sound", "fs" }
            .SelectMany(s => Directory.Exists(Path.Combine(tree, s)) ? Directory.EnumerateDirectories(Path.Combine(tree, s), "*", SearchOption.AllDirectories) : [])
            .Order(StringComparer.Ordinal).ToList();
        ContextCorpus.Shuffle(directories, random);
        var result = new List<ContextCorpus.Mutation>();
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var directory in directories)
        {
            if (Kinds.All(k => counts.GetValueOrDefault(k) >= perKind))
            {
                break;
            }

            var files = Directory.EnumerateFiles(directory, "*.c").Order(StringComparer.Ordinal)
                .Select(f => (Path: Path.GetRelativePath(tree, f).Replace('\\', '/'), Lines: Read(f))).ToList();
            var headers = Directory.EnumerateFiles(directory, "*.h").Order(StringComparer.Ordinal)
                .Select(f => (Path: Path.GetRelativePath(tree, f).Replace('\\', '/'), Lines: Read(f))).ToList();
            if (files.Count == 0)
            {
                continue;
            }

            var found = new List<ContextCorpus.Mutation>();
            foreach (var (path, lines) in files)
            {
                found.AddRange(AssertLockDropped(path, lines).Take(1));
                found.AddRange(RcuHelperMovedOut(path, lines).Take(1));
                found.AddRange(BhLockMadePlain(path, lines).Take(1));
            }

            found.AddRange(AcrossFiles(files, headers).GroupBy(m => m.Kind).Select(g => g.First()));
            foreach (var m in found.GroupBy(m => m.Kind).Select(g => g.First()))
            {
                if (counts.GetValueOrDefault(m.Kind) < perKind)
                {
                    counts[m.Kind] = counts.GetValueOrDefault(m.Kind) + 1;
                    result.Add(m);
                }
            }
        }

        return result;
    }

    private static string[] Read(string file) => File.ReadAllText(file).Replace("\r\n", "\n", StringComparison.Ordinal).TrimEnd('\n').Split('\n');

    private static IEnumerable<ContextCorpus.Mutation> AssertLockDropped(string path, string[] lines)
    {
        var functions = CorpusFunctions.Find(lines);
        foreach (var helper in functions)
        {
            var first = Enumerable.Range(helper.Open + 1, Math.Max(0, helper.Close - helper.Open - 1)).FirstOrDefault(k => lines[k].Trim().Length > 0 && !lines[k].Contains(" = ", StringComparison.Ordinal) && !Regex.IsMatch(lines[k], @"^\t(struct|int|u\d+|bool|unsigned|const)\b", RegexOptions.None, TimeSpan.FromSeconds(1)));
            var assert = first > 0 ? AssertHeld().Match(lines[first]) : Match.Empty;
            var parameter = assert.Success ? helper.Parameters.ToList().IndexOf(assert.Groups[1].Value) : -1;
            if (parameter < 0)
            {
                continue;
            }

            foreach (var caller in functions.Where(f => f != helper))
            {
                for (var c = caller.Open + 1; c < caller.Close; c++)
                {
                    var call = Regex.Match(lines[c], $@"^(\t+)(?:\w+\s*=\s*)?{helper.Name}\((.*)\);$", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
                    var arguments = call.Success ? call.Groups[2].Value.Split(',').Select(a => a.Trim()).ToList() : [];
                    if (parameter >= arguments.Count || !Regex.IsMatch(arguments[parameter], @"^\w+$", RegexOptions.None, TimeSpan.FromSeconds(1)))
                    {
                        continue;
                    }

                    var lockText = $"&{arguments[parameter]}->{assert.Groups[2].Value}";
                    var indent = call.Groups[1].Value;
                    var locked = Enumerable.Range(caller.Open + 1, c - caller.Open - 1).Any(k => LockLine().Match(lines[k]) is { Success: true } l && l.Groups[1].Value == indent && $"&{l.Groups[3].Value}->{l.Groups[4].Value}" == lockText);
                    var unlock = Enumerable.Range(c + 1, caller.Close - c - 1).FirstOrDefault(k => UnlockLine().Match(lines[k]) is { Success: true } u && u.Groups[1].Value == indent && $"&{u.Groups[3].Value}->{u.Groups[4].Value}" == lockText);
                    if (locked && unlock > c && Enumerable.Range(c + 1, unlock - c - 1).All(k => !lines[k].Contains("return", StringComparison.Ordinal) && !lines[k].Contains("goto", StringComparison.Ordinal)))
                    {
                        var after = lines.Take(c).Append(lines[unlock]).Concat(lines.Skip(c).Take(unlock - c)).Concat(lines.Skip(unlock + 1)).ToArray();
                        yield return new ContextCorpus.Mutation("assert-lock-dropped", path, lines, after, c + 2, "lock-context-required");
                    }
                }
            }
        }
    }

    private static IEnumerable<ContextCorpus.Mutation> RcuHelperMovedOut(string path, string[] lines)
    {
        var functions = CorpusFunctions.Find(lines);
        var helpers = functions.Where(f => Body(lines, f).Any(k => Regex.IsMatch(lines[k], @"rcu_dereference\(|^\t(h?list_for_each_entry_rcu)\([^,]+,[^,]+,[^,]+\)", RegexOptions.None, TimeSpan.FromSeconds(1))) &&
                                           !Body(lines, f).Any(k => Regex.IsMatch(lines[k], @"rcu_read_lock|_lock\w*\(|mutex|msleep|sleep|GFP_KERNEL|wait_|lockdep|_protected|schedule|copy_(to|from)_user", RegexOptions.None, TimeSpan.FromSeconds(1))))
            .Select(f => f.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var caller in functions)
        {
            var body = Body(lines, caller).ToList();
            var sections = body.Where(k => lines[k].Trim() == "rcu_read_lock();").ToList();
            if (sections.Count != 1 || body.Any(k => Regex.IsMatch(lines[k], @"spin_lock|_irq|_bh\(|preempt_disable|mutex_lock|down_(read|write)|(?<!rcu_read)_lock\(", RegexOptions.None, TimeSpan.FromSeconds(1))))
            {
                continue;
            }

            var start = sections[0];
            var indent = lines[start][..(lines[start].Length - lines[start].TrimStart().Length)];
            for (var c = start + 1; c < caller.Close && lines[c].Trim() != "rcu_read_unlock();"; c++)
            {
                var call = Regex.Match(lines[c], @"^(\t+)(?:[\w>.-]+\s*=\s*)?(\w+)\(.*\);$", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
                if (call.Success && call.Groups[1].Value == indent && helpers.Contains(call.Groups[2].Value))
                {
                    var after = lines.Take(start).Concat(lines.Skip(start + 1).Take(c - start)).Append(lines[start]).Concat(lines.Skip(c + 1)).ToArray();
                    yield return new ContextCorpus.Mutation("rcu-helper-moved-out", path, lines, after, c, "lock-context-required");
                    break;
                }

                if (!lines[c].StartsWith(indent, StringComparison.Ordinal) || lines[c].Contains('{', StringComparison.Ordinal) || lines[c].Contains('}', StringComparison.Ordinal))
                {
                    break;
                }
            }
        }
    }

    private static IEnumerable<ContextCorpus.Mutation> BhLockMadePlain(string path, string[] lines)
    {
        var functions = CorpusFunctions.Find(lines);
        var callbacks = lines.Select(l => SoftirqRegistration().Match(l)).Where(m => m.Success)
            .Select(m => m.Groups.Values.Skip(1).First(g => g.Success && g.Length > 0).Value).ToHashSet(StringComparer.Ordinal);
        var classes = new HashSet<string>(StringComparer.Ordinal);
        foreach (var callback in functions.Where(f => callbacks.Contains(f.Name)))
        {
            foreach (var k in Body(lines, callback))
            {
                if (Regex.Match(lines[k], @"^\t+spin_lock(?:_irqsave|_irq|_bh)?\(&(\w+)->([\w.]+)[,)]", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1)) is { Success: true } l &&
                    StructOf(lines, callback, l.Groups[1].Value) is { } type)
                {
                    classes.Add(type + "->" + l.Groups[2].Value);
                }
            }
        }

        if (classes.Count == 0)
        {
            yield break;
        }

        // Certainly process context: a mutex taken on the main line before any spinlock of the function.
        foreach (var function in functions.Where(f => !callbacks.Contains(f.Name) &&
                     Body(lines, f).TakeWhile(k => !lines[k].Contains("spin_lock", StringComparison.Ordinal)).Any(k => lines[k].StartsWith("\tmutex_lock(", StringComparison.Ordinal))))
        {
            foreach (var k in Body(lines, function))
            {
                // The process side's protected form, made plain: spin_lock_bh/_irq/_irqsave → spin_lock, and its unlock.
                var l = Regex.Match(lines[k], @"^(\t+)spin_lock_(bh|irq|irqsave)\(&(\w+)->([\w.]+)(, *\w+)?\);$", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
                if (!l.Success || StructOf(lines, function, l.Groups[3].Value) is not { } type || !classes.Contains(type + "->" + l.Groups[4].Value))
                {
                    continue;
                }

                var lockName = $"&{l.Groups[3].Value}->{l.Groups[4].Value}";
                var release = l.Groups[2].Value == "irqsave" ? "spin_unlock_irqrestore" : "spin_unlock_" + l.Groups[2].Value;
                var unlock = Enumerable.Range(k + 1, function.Close - k - 1).FirstOrDefault(u => lines[u].Trim().StartsWith($"{release}({lockName}", StringComparison.Ordinal));
                if (unlock > k)
                {
                    var after = (string[])lines.Clone();
                    after[k] = $"{l.Groups[1].Value}spin_lock({lockName});";
                    after[unlock] = lines[unlock][..(lines[unlock].Length - lines[unlock].TrimStart().Length)] + $"spin_unlock({lockName});";
                    yield return new ContextCorpus.Mutation("bh-lock-made-plain", path, lines, after, k + 1, "lock-irq-inconsistent");
                    yield break;
                }
            }
        }
    }

    /// <summary>The struct type of a variable the function declares "struct T *name" (parameter or local).</summary>
    private static string? StructOf(string[] lines, CorpusFunction function, string name)
    {
        var pattern = $@"struct\s+(\w+)\s*\*\s*{Regex.Escape(name)}\b";
        for (var k = Math.Max(0, function.Open - 5); k < function.Close; k++)
        {
            if (Regex.Match(lines[k], pattern, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1)) is { Success: true } m)
            {
                return m.Groups[1].Value;
            }
        }

        return null;
    }

    private static IEnumerable<int> Body(string[] lines, CorpusFunction function) => Enumerable.Range(function.Open + 1, Math.Max(0, function.Close - function.Open - 1));

    /// <summary>The operators that use a function of one file of the directory from another file of it.</summary>
    private static IEnumerable<ContextCorpus.Mutation> AcrossFiles(List<(string Path, string[] Lines)> files, List<(string Path, string[] Lines)> headers)
    {
        // Wrappers and lock-taking helpers, by the file that defines them (non-static: another file can call them).
        var releases = new List<(string File, string Name, string Field, string Primitive)>();
        var acquires = new List<(string File, string Name, string Field, string Primitive)>();
        var takers = new List<(string File, string Name, string Field, string Primitive)>();
        foreach (var (path, lines) in files.Concat(headers))
        {
            // A header's static inline functions are every including file's; a .c file's static ones are its own.
            foreach (var f in CorpusFunctions.Find(lines).Where(f => (!f.IsStatic || path.EndsWith(".h", StringComparison.Ordinal)) && f.Parameters.Count >= 1))
            {
                var body = Body(lines, f).Where(k => lines[k].Trim().Length > 0).ToList();
                var lockLines = body.Where(k => lines[k].Contains("lock(", StringComparison.Ordinal) || lines[k].Contains("down", StringComparison.Ordinal) || lines[k].Contains("up_", StringComparison.Ordinal)).ToList();
                var exitBefore = (int k) => body.TakeWhile(b => b < k).Any(b => lines[b].Contains("return", StringComparison.Ordinal) || lines[b].Contains("goto", StringComparison.Ordinal));
                if (lockLines.Count == 1 && !exitBefore(lockLines[0]))
                {
                    if (LockLine().Match(lines[lockLines[0]]) is { Success: true } l && l.Groups[1].Value == "\t" && f.Parameters.Contains(l.Groups[3].Value))
                    {
                        acquires.Add((path, f.Name, l.Groups[4].Value, l.Groups[2].Value));
                    }
                    else if (UnlockLine().Match(lines[lockLines[0]]) is { Success: true } u && u.Groups[1].Value == "\t" && f.Parameters.Contains(u.Groups[3].Value))
                    {
                        releases.Add((path, f.Name, u.Groups[4].Value, u.Groups[2].Value));
                    }
                }

                var firstLock = body.FirstOrDefault(k => LockLine().IsMatch(lines[k]));
                if (f.Parameters.Count == 1 && firstLock > 0 && !exitBefore(firstLock) && LockLine().Match(lines[firstLock]) is { Success: true } taken &&
                    taken.Groups[1].Value == "\t" && taken.Groups[3].Value == f.Parameters[0] && !lines.Any(x => x.Contains("__acquires", StringComparison.Ordinal) && x.Contains(f.Name, StringComparison.Ordinal)))
                {
                    takers.Add((path, f.Name, taken.Groups[4].Value, taken.Groups[2].Value));
                }
            }
        }

        foreach (var (path, lines) in files)
        {
            foreach (var release in releases.Where(r => r.File != path))
            {
                var pairedAcquire = acquires.FirstOrDefault(a => a.Field == release.Field && release.Primitive == a.Primitive.Replace("lock", "unlock", StringComparison.Ordinal).Replace("down_write", "up_write", StringComparison.Ordinal));
                if (pairedAcquire.Name is null)
                {
                    continue;
                }

                for (var i = 0; i + 1 < lines.Length; i++)
                {
                    var call = Regex.Match(lines[i], $@"^\t+{release.Name}\((.*)\);$", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
                    if (!call.Success || !ReturnLine().IsMatch(lines[i + 1]))
                    {
                        continue;
                    }

                    var function = CorpusFunctions.Find(lines).FirstOrDefault(f => f.Open < i && i < f.Close);
                    if (function is null || !Body(lines, function).Any(k => k != i && lines[k].Trim() == lines[i].Trim()) ||
                        !Body(lines, function).Any(k => k < i && lines[k].Trim() == $"{pairedAcquire.Name}({call.Groups[1].Value});"))
                    {
                        continue;
                    }

                    yield return new ContextCorpus.Mutation("wrapper-release-removed", path, lines, lines.Where((_, k) => k != i).ToArray(), i + 1, "lock-not-released");
                    break;
                }
            }

            foreach (var taker in takers.Where(t => t.File != path))
            {
                for (var i = 0; i + 1 < lines.Length; i++)
                {
                    if (LockLine().Match(lines[i]) is { Success: true } l && l.Groups[1].Value == "\t" && l.Groups[2].Value == taker.Primitive && l.Groups[4].Value == taker.Field &&
                        lines[i + 1].StartsWith('\t') && !lines[i + 1].Contains('}', StringComparison.Ordinal) && !lines[i + 1].TrimStart().StartsWith('#'))
                    {
                        yield return ContextCorpus.Insert("tree-helper-retakes-lock", path, lines, i + 1, $"\t{taker.Name}({l.Groups[3].Value});", "lock-recursion");
                        break;
                    }
                }
            }
        }
    }
}
