using System.Text.RegularExpressions;
using KernelPrBot.Checks.Analysis;
using KernelPrBot.Checks.Patches;
using KernelPrBot.Checks.Rules;
using KernelPrBot.Checks.Source;

namespace KernelPrBot.Testing;

/// <summary>
/// Mutation corpus from the real kernel tree for the context rules: each bug kind is injected into real
/// functions found by plain text patterns (not by the analysis under test), presented as a patch against the
/// real file with full pre- and post-images, and scored by whether the expected rule fires at the expected line.
/// Precision: whole real files presented as newly added code, counting context findings per 10,000 lines.
/// </summary>
public static class ContextCorpus
{
    public static readonly string[] Subsystems =
        ["drivers/net", "drivers/gpu", "drivers/usb", "drivers/scsi", "drivers/tty", "drivers/input", "drivers/media", "fs", "net", "sound", "kernel", "mm", "block"];

    public static readonly string[] ContextRules =
        ["atomic-sleeping-alloc", "sleep-in-atomic", "lock-not-released", "lock-variant-mismatch", "lock-recursion", "rcu-deref-outside-read-section"];

    private static readonly Regex SpinLockCall = new(@"^\s*(?:raw_)?spin_lock(?:_irqsave|_irq|_bh)?\s*\(", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
    private static readonly Regex NonRecursiveLockCall = new(@"^\s*((?:raw_)?spin_lock(?:_irq|_bh)?|mutex_lock|write_lock(?:_irq|_bh)?|down_write)\s*\(\s*&?[A-Za-z_][\w]*(?:(?:->|\.)[A-Za-z_]\w*)*\s*\)\s*;\s*$", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
    private static readonly Regex UnlockCall = new(@"^\s*((?:raw_)?spin_unlock(?:_irqrestore|_irq|_bh)?|mutex_unlock|up|up_read|up_write)\s*\((.*)\)\s*;\s*$", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
    private static readonly Regex ReturnLine = new(@"^\s*return\b[^;]*;\s*$", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
    private static readonly Regex FunctionStart = new(@"^[a-z_].*\)\s*$|^\{$", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));

    /// <param name="ExpectedRule">The rule that must report at <paramref name="ExpectedLine"/>, or several separated by '|'.</param>
    public sealed record Mutation(string Kind, string Path, string[] Before, string[] After, int ExpectedLine, string ExpectedRule);

    public sealed record KindScore(string Kind, int Total, int Found);

    /// <summary>Up to <paramref name="perKind"/> mutations of each kind, from files chosen with <paramref name="seed"/>.</summary>
    public static List<Mutation> Generate(string tree, int seed, int perKind)
    {
        var random = new Random(seed);
        var files = Subsystems.SelectMany(s => Directory.Exists(Path.Combine(tree, s))
                ? Directory.EnumerateFiles(Path.Combine(tree, s), "*.c", SearchOption.AllDirectories) : [])
            .Order(StringComparer.Ordinal).ToList();
        Shuffle(files, random);
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        var result = new List<Mutation>();
        foreach (var file in files)
        {
            if (counts.Count == Kinds && counts.Values.All(c => c >= perKind))
            {
                break;
            }

            var lines = File.ReadAllText(file).Replace("\r\n", "\n", StringComparison.Ordinal).TrimEnd('\n').Split('\n');
            var path = Path.GetRelativePath(tree, file).Replace('\\', '/');
            foreach (var m in MutationsOf(path, lines, random))
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

    /// <summary>How many kinds of mutation <see cref="Generate"/> makes.</summary>
    public const int Kinds = 6;

    private static IEnumerable<Mutation> MutationsOf(string path, string[] lines, Random random)
    {
        var candidates = new List<Mutation>();
        for (var i = 0; i < lines.Length; i++)
        {
            // Under a spinlock: the lines right after a spin_lock*() call statement.
            if (SpinLockCall.IsMatch(lines[i]) && lines[i].TrimEnd().EndsWith(");", StringComparison.Ordinal) && i + 1 < lines.Length &&
                lines[i + 1].StartsWith('\t') && !lines[i + 1].Contains('}', StringComparison.Ordinal) && !lines[i + 1].TrimStart().StartsWith('#'))
            {
                var indent = Indent(lines[i]);
                candidates.Add(Insert("sleep-under-lock", path, lines, i + 1, indent + "msleep(1);", "sleep-in-atomic"));
                candidates.Add(Insert("alloc-under-lock", path, lines, i + 1, indent + "kfree(kmalloc(16, GFP_KERNEL));", "atomic-sleeping-alloc"));
                var region = RegionUntilUnlock(lines, i);
                var atomicAlloc = region.FirstOrDefault(k => IsGfpArgument(lines[k]));
                if (atomicAlloc > 0)
                {
                    var after = (string[])lines.Clone();
                    after[atomicAlloc] = lines[atomicAlloc].Replace("GFP_ATOMIC", "GFP_KERNEL", StringComparison.Ordinal);
                    candidates.Add(new Mutation("gfp-atomic-to-kernel", path, lines, after, atomicAlloc + 1, "atomic-sleeping-alloc"));
                }
            }

            // Self-deadlock: the same non-recursive lock taken again right after it was taken.
            if (NonRecursiveLockCall.IsMatch(lines[i]) && i + 1 < lines.Length && lines[i + 1].StartsWith('\t') && !lines[i + 1].TrimStart().StartsWith('#'))
            {
                candidates.Add(Insert("lock-taken-twice", path, lines, i + 1, lines[i], "lock-recursion"));
            }

            // A lock leak: drop an unlock that directly precedes a return, when the same lock is released elsewhere too.
            var unlock = UnlockCall.Match(lines[i]);
            if (unlock.Success && i + 1 < lines.Length && ReturnLine.IsMatch(lines[i + 1]))
            {
                var others = FunctionLines(lines, i).Count(k => k != i && lines[k].Contains(unlock.Groups[1].Value + "(" + unlock.Groups[2].Value + ")", StringComparison.Ordinal));
                if (others > 0)
                {
                    var after = lines.Where((_, k) => k != i).ToArray();
                    candidates.Add(new Mutation("unlock-removed", path, lines, after, i + 1, "lock-not-released"));
                }
            }

            // RCU: remove the read-side section around an rcu_dereference().
            if (lines[i].Trim() == "rcu_read_lock();")
            {
                var end = Array.FindIndex(lines, i + 1, l => l.Trim() == "rcu_read_unlock();" || l.Trim() == "rcu_read_lock();" || l == "}");
                if (end > 0 && lines[end].Trim() == "rcu_read_unlock();")
                {
                    var deref = Enumerable.Range(i + 1, end - i - 1).FirstOrDefault(k => lines[k].Contains("rcu_dereference(", StringComparison.Ordinal));
                    var function = FunctionLines(lines, i);
                    var sections = function.Count(k => lines[k].Contains("rcu_read_lock", StringComparison.Ordinal));
                    if (deref > 0 && sections == 1)
                    {
                        var after = lines.Where((_, k) => k != i && k != end).ToArray();
                        candidates.Add(new Mutation("rcu-section-removed", path, lines, after, deref, "rcu-deref-outside-read-section"));
                    }
                }
            }
        }

        Shuffle(candidates, random);
        return candidates.GroupBy(c => c.Kind).Select(g => g.First());
    }

    /// <summary>GFP_ATOMIC passed as an argument (not compared, not chosen by a ternary).</summary>
    private static bool IsGfpArgument(string line) =>
        Regex.IsMatch(line, @"[(,]\s*GFP_ATOMIC\s*[),|]|^\s*GFP_ATOMIC\s*[),|]", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1)) &&
        !line.Contains('?', StringComparison.Ordinal) && !line.Contains("==", StringComparison.Ordinal) && !line.Contains("!=", StringComparison.Ordinal);

    /// <summary>The file with <paramref name="text"/> inserted as line <paramref name="at"/> + 1, expected to be reported there.</summary>
    internal static Mutation Insert(string kind, string path, string[] lines, int at, string text, string rule)
    {
        var after = lines.Take(at).Append(text).Concat(lines.Skip(at)).ToArray();
        return new Mutation(kind, path, lines, after, at + 1, rule);
    }

    private static List<int> RegionUntilUnlock(string[] lines, int lockLine)
    {
        var region = new List<int>();
        for (var k = lockLine + 1; k < lines.Length && k < lockLine + 40; k++)
        {
            if (lines[k].Contains("unlock", StringComparison.Ordinal) || lines[k] == "}" || lines[k].TrimStart().StartsWith("return", StringComparison.Ordinal) ||
                lines[k].Contains("goto ", StringComparison.Ordinal))
            {
                break;
            }

            region.Add(k);
        }

        return region;
    }

    /// <summary>The lines of the function around line <paramref name="inside"/>: from the '{' at column 0 to the '}' at column 0.</summary>
    private static List<int> FunctionLines(string[] lines, int inside)
    {
        var start = inside;
        while (start > 0 && lines[start] != "{")
        {
            start--;
        }

        var end = inside;
        while (end < lines.Length - 1 && lines[end] != "}")
        {
            end++;
        }

        return Enumerable.Range(start, end - start + 1).ToList();
    }

    private static string Indent(string line) => line[..(line.Length - line.TrimStart().Length)];

    internal static void Shuffle<T>(List<T> list, Random random)
    {
        for (var i = list.Count - 1; i > 0; i--)
        {
            var j = random.Next(i + 1);
            (list[i], list[j]) = (list[j], list[i]);
        }
    }

    /// <summary>Runs every mutation through the analyzer with full images; returns per-kind scores and the misses.</summary>
    public static (List<KindScore> Scores, List<string> Misses) ScoreRecall(IEnumerable<Mutation> mutations, AnalysisOptions? options = null)
    {
        var analyzer = new Analyzer(RuleCatalog.All);
        var totals = new Dictionary<string, (int Total, int Found)>(StringComparer.Ordinal);
        var misses = new List<string>();
        foreach (var m in mutations)
        {
            var patchText = new PatchBuilder().SignedOffByAuthor().ModifyFile(m.Path, string.Join('\n', m.Before) + "\n", string.Join('\n', m.After) + "\n").Build();
            var series = PatchParser.Parse(patchText, m.Path + ".patch");
            var images = new Dictionary<(int, string), FileImages> { [(0, m.Path)] = new FileImages(m.Before, m.After) };
            var findings = analyzer.Run(series, images, options).Findings;
            var found = findings.Any(f => m.ExpectedRule.Split('|').Contains(f.RuleId) && f.File == m.Path && f.Line == m.ExpectedLine);
            var (total, hits) = totals.GetValueOrDefault(m.Kind);
            totals[m.Kind] = (total + 1, hits + (found ? 1 : 0));
            if (!found)
            {
                misses.Add($"{m.Kind}: {m.Path}:{m.ExpectedLine}: {m.After.ElementAtOrDefault(m.ExpectedLine - 1)?.Trim()}");
            }
        }

        return (totals.Select(t => new KindScore(t.Key, t.Value.Total, t.Value.Found)).OrderBy(s => s.Kind, StringComparer.Ordinal).ToList(), misses);
    }

    /// <summary>Whole real files as newly added code: (lines, functions, context findings) with the findings listed.</summary>
    public static (long Lines, int Functions, List<string> Findings) ScorePrecision(string tree, int seed, int minFunctions)
    {
        var random = new Random(seed);
        var analyzer = new Analyzer(RuleCatalog.All.Where(r => ContextRules.Contains(r.Descriptor.Id)));
        long lines = 0;
        var functions = 0;
        var findings = new List<string>();
        foreach (var subsystem in Subsystems)
        {
            var files = Directory.EnumerateFiles(Path.Combine(tree, subsystem), "*.c", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToList();
            Shuffle(files, random);
            var perSubsystem = 0;
            foreach (var file in files.Take(8))
            {
                var text = File.ReadAllText(file).Replace("\r\n", "\n", StringComparison.Ordinal).TrimEnd('\n');
                var path = Path.GetRelativePath(tree, file).Replace('\\', '/');
                var patch = new PatchBuilder().SignedOffByAuthor().AddFile(path, text + "\n").Build();
                var result = analyzer.Run(PatchParser.Parse(patch, path + ".patch"));
                lines += text.Count(c => c == '\n') + 1;
                var count = Regex.Count(text, @"^\{", RegexOptions.Multiline, TimeSpan.FromSeconds(5));
                functions += count;
                perSubsystem += count;
                findings.AddRange(result.Findings.Select(f => $"{f.File}:{f.Line}: [{f.RuleId}] {f.Message}"));
                if (perSubsystem >= minFunctions / Subsystems.Length + 1)
                {
                    break;
                }
            }
        }

        return (lines, functions, findings);
    }
}
