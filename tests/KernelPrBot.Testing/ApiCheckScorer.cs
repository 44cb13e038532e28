using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using KernelPrBot.Checks;
using KernelPrBot.Checks.Analysis;
using KernelPrBot.Checks.Index;
using KernelPrBot.Checks.Patches;
using KernelPrBot.Checks.Rules;
using KernelPrBot.Checks.Rules.Api;
using KernelPrBot.Checks.Source;

namespace KernelPrBot.Testing;

/// <summary>
/// Scores unknown-symbol and wrong-arity on real code. Precision: real functions of the tree, unmodified,
/// presented as added files, should give no finding. Recall: in each function one call is renamed to a
/// plausible name that exists nowhere (a letter dropped, swapped or doubled; <c>_safe</c>/<c>_zeroed</c>
/// added; the last suffix changed); the renamed call should be reported on its line, and for the simple
/// misspellings the original name should be among the three suggestions.
/// </summary>
public static class ApiCheckScorer
{
    private static readonly string[] Areas = ["drivers", "fs", "net", "kernel", "mm", "sound", "block", "lib", "crypto", "security"];
    private static readonly Regex CallName = new(@"(?<![\w.>])([a-z_][a-z0-9_]{3,})\s*\(", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
    private static readonly string[] Suffixes = ["_safe", "_zeroed", "_locked", "_ex", "_v2", "_new", "_sync", "_nowait"];

    public sealed record SampleFunction(string File, string Text, int Lines);

    public sealed record Miss(string File, string Original, string Renamed, string Mutation, string Detail);

    public sealed record Report(
        int Functions, int Lines, int FalseFindings, IReadOnlyList<Finding> FalseFindingList,
        int Mutations, int Flagged, int Misspellings, int SuggestedTop3, IReadOnlyList<Miss> Misses)
    {
        public double FalsePer10KLines => Lines == 0 ? 0 : FalseFindings * 10000.0 / Lines;

        public double Recall => Mutations == 0 ? 0 : 100.0 * Flagged / Mutations;

        public double Top3 => Misspellings == 0 ? 0 : 100.0 * SuggestedTop3 / Misspellings;

        public override string ToString() => string.Create(CultureInfo.InvariantCulture,
            $"functions {Functions}, lines {Lines}, false findings {FalseFindings} ({FalsePer10KLines:F2} per 10k lines); " +
            $"mutations {Mutations}, flagged at the right line {Flagged} ({Recall:F1}%); misspellings {Misspellings}, original in top 3 {SuggestedTop3} ({Top3:F1}%)");
    }

    /// <summary>Functions of 8 to 120 lines from .c files of the tree, in a seeded random order, at most two per file.</summary>
    public static List<SampleFunction> SampleFunctions(string tree, int count, int seed)
    {
        var random = new Random(seed);
        var files = Areas.SelectMany(a => Directory.EnumerateFiles(Path.Combine(tree, a), "*.c", SearchOption.AllDirectories))
            .Select(f => Path.GetRelativePath(tree, f).Replace('\\', '/'))
            .Order(StringComparer.Ordinal)
            .ToList();
        var result = new List<SampleFunction>();
        foreach (var file in files.OrderBy(_ => random.Next()))
        {
            var lines = File.ReadAllLines(Path.Combine(tree, file));
            var taken = 0;
            foreach (var (start, end) in FunctionSpans(lines).OrderBy(_ => random.Next()))
            {
                var length = end - start + 1;
                if (length is < 8 or > 120 || taken == 2)
                {
                    continue;
                }

                result.Add(new SampleFunction(file, string.Join('\n', lines[start..(end + 1)]) + "\n", length));
                taken++;
            }

            if (result.Count >= count)
            {
                break;
            }
        }

        return result.Take(count).ToList();
    }

    /// <summary>Kernel style: a header at column 0 ending in ')', a '{' alone at column 0, a '}' alone at column 0.</summary>
    private static IEnumerable<(int Start, int End)> FunctionSpans(string[] lines)
    {
        for (var i = 1; i < lines.Length; i++)
        {
            if (lines[i] != "{" || !lines[i - 1].EndsWith(')'))
            {
                continue;
            }

            var start = i - 1;
            while (start > 0 && lines[start - 1].Length > 0 && (char.IsWhiteSpace(lines[start - 1][0]) || lines[start - 1].TrimEnd().EndsWith(',')))
            {
                start--;
            }

            if (start > 0 && lines[start - 1].Length > 0 && !lines[start - 1].StartsWith('}') && !lines[start - 1].EndsWith(';') && !lines[start - 1].StartsWith('#') && !lines[start - 1].EndsWith("*/"))
            {
                start--; // return type on its own line
            }

            if (lines[start].StartsWith('#') || lines[start].StartsWith(' ') || lines[start].StartsWith('\t') || lines[start].StartsWith('/') || lines[start].StartsWith('*'))
            {
                continue;
            }

            var end = Array.IndexOf(lines, "}", i);
            if (end > i && !lines.Skip(i).Take(end - i).Any(l => l.StartsWith('#')))
            {
                yield return (start, end);
            }
        }
    }

    public static Report Score(string tree, SymbolIndex index, int count, int seed)
    {
        var functions = SampleFunctions(tree, count, seed);
        var options = AnalysisOptions.Default with { Symbols = index };
        var analyzer = new Analyzer([new UnknownSymbolRule(), new WrongArityRule()]);
        var random = new Random(seed);
        var falseFindings = new List<Finding>();
        int lines = 0, mutations = 0, flagged = 0, misspellings = 0, top3 = 0;
        var misses = new List<Miss>();
        for (var n = 0; n < functions.Count; n++)
        {
            var f = functions[n];
            var path = SamplePath(f.File, n);
            lines += f.Lines;
            var findings = Run(analyzer, options, path, f.Text);
            falseFindings.AddRange(findings);

            // Recall: rename one call the unmodified function makes to a known name (and that was not reported).
            var calls = CallName.Matches(f.Text).Select(m => m.Groups[1]).Where(g => index.Contains(g.Value) && !IsInComment(f.Text, g.Index)).ToList();
            if (calls.Count == 0)
            {
                continue;
            }

            var call = calls[random.Next(calls.Count)];
            var (renamed, mutation) = Mutate(call.Value, random, index, f.Text);
            if (renamed is null)
            {
                continue;
            }

            var text = f.Text[..call.Index] + renamed + f.Text[(call.Index + call.Length)..];
            var line = 1 + f.Text.AsSpan(0, call.Index).Count('\n');
            if (!CallIsChecked(text, renamed))
            {
                continue; // e.g. the name is a macro parameter or a declarator: not a call.
            }

            mutations++;
            var hit = Run(analyzer, options, path, text).FirstOrDefault(x => x.RuleId == RuleIds.UnknownSymbol && x.Line == line && x.Message.StartsWith(renamed + "()", StringComparison.Ordinal));
            if (hit is null)
            {
                misses.Add(new Miss(f.File, call.Value, renamed, mutation, "not flagged"));
                continue;
            }

            flagged++;
            if (mutation is "drop" or "swap" or "double")
            {
                misspellings++;
                if (hit.Message.Contains(" " + call.Value + "()", StringComparison.Ordinal))
                {
                    top3++;
                }
                else
                {
                    misses.Add(new Miss(f.File, call.Value, renamed, mutation, "suggestion: " + hit.Message));
                }
            }
        }

        return new Report(functions.Count, lines, falseFindings.Count, falseFindings, mutations, flagged, misspellings, top3, misses);
    }

    private static bool IsInComment(string text, int at)
    {
        var lineStart = text.LastIndexOf('\n', Math.Max(0, at - 1)) + 1;
        var line = text[lineStart..at];
        var open = text.LastIndexOf("/*", at, StringComparison.Ordinal);
        var close = text.LastIndexOf("*/", at, StringComparison.Ordinal);
        return line.Contains("//", StringComparison.Ordinal) || line.Contains('"', StringComparison.Ordinal) || (open >= 0 && open > close);
    }

    private static bool CallIsChecked(string text, string name)
    {
        var view = CodeView.FromHunk(new Hunk(0, 0, 1, 1, "", 1, text.Split('\n').Select((l, i) => new DiffLine(DiffLineKind.Added, l, 0, i + 1, i + 1)).ToList()));
        return CallSites.Names(view).Contains(name);
    }

    private static string SamplePath(string file, int n) => $"{Path.GetDirectoryName(file)!.Replace('\\', '/')}/kpb_sample_{n}.c";

    private static List<Finding> Run(Analyzer analyzer, AnalysisOptions options, string path, string text)
    {
        var patch = new PatchBuilder().SignedOffByAuthor().AddFile(path, text).Build();
        return analyzer.Run(PatchParser.Parse(patch, "sample.patch"), null, options).Findings.Where(f => f.Kind == FindingKind.Code).ToList();
    }

    private static (string? Name, string Mutation) Mutate(string name, Random random, SymbolIndex index, string text)
    {
        string[] kinds = ["drop", "swap", "double", "safe", "zeroed", "suffix"];
        for (var attempt = 0; attempt < 12; attempt++)
        {
            var kind = kinds[random.Next(kinds.Length)];
            var at = 1 + random.Next(Math.Max(1, name.Length - 2));
            var candidate = kind switch
            {
                "drop" => name.Remove(at, 1),
                "swap" when at + 1 < name.Length && name[at] != name[at + 1] => name[..at] + name[at + 1] + name[at] + name[(at + 2)..],
                "double" => name.Insert(at, name[at].ToString()),
                "safe" => name + "_safe",
                "zeroed" => name + "_zeroed",
                "suffix" when name.LastIndexOf('_') > 0 => name[..name.LastIndexOf('_')] + Suffixes[random.Next(Suffixes.Length)],
                "suffix" => name + Suffixes[random.Next(Suffixes.Length)],
                _ => null,
            };
            if (candidate is null || candidate == name || index.Contains(candidate) || Regex.IsMatch(text, $@"\b{Regex.Escape(candidate)}\b", RegexOptions.None, TimeSpan.FromSeconds(1)))
            {
                continue;
            }

            return (candidate, kind);
        }

        return (null, "");
    }

    public static string Describe(Report report)
    {
        var sb = new StringBuilder(report.ToString()).Append('\n');
        foreach (var f in report.FalseFindingList)
        {
            sb.Append(CultureInfo.InvariantCulture, $"false: {f.File}:{f.Line}: {f.Message} [{f.RuleId}]\n");
        }

        foreach (var m in report.Misses)
        {
            sb.Append(CultureInfo.InvariantCulture, $"miss: {m.File}: {m.Original} -> {m.Renamed} ({m.Mutation}): {m.Detail}\n");
        }

        return sb.ToString();
    }
}
