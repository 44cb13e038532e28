using KernelPrBot.Checks.Kernel;
using KernelPrBot.Checks.Source;
using KernelPrBot.Checks.Source.Statements;

namespace KernelPrBot.Checks.Analysis.Context;

/// <summary>
/// Context analysis of one C source text: finds its functions, works out which start in atomic context (by
/// registration as IRQ handler, timer, tasklet, NAPI poll, RCU callback in this file, or because every caller in
/// this file calls them in atomic context), and walks every path of each function. Rules read the result.
/// </summary>
public sealed class SourceContextAnalysis
{
    private const int CallerRounds = 3;

    private SourceContextAnalysis(IReadOnlyList<FunctionContext> functions, FileSummaries? summaries)
    {
        Functions = functions;
        Summaries = summaries;
    }

    public IReadOnlyList<FunctionContext> Functions { get; }

    /// <summary>What the tree's index and this file's own functions say of callees (may sleep); null without them.</summary>
    public FileSummaries? Summaries { get; }

    public FunctionContext? Function(string name) => Functions.FirstOrDefault(f => f.Function.Name == name);

    public FunctionContext? FunctionAt(int line) => Functions.FirstOrDefault(f => f.Function.Line <= line && line <= f.Function.EndLine);

    /// <param name="fileLine">Maps a line of <paramref name="source"/> to the file's line, for the reasons that quote one
    /// (a hunk's text starts at its first line, not the file's); identity when null.</param>
    /// <param name="summaries">The file's and the tree's function summaries: functions the tree calls from atomic context
    /// or stores in an atomic ops-table slot start atomic.</param>
    /// <param name="fileRegistrations">Callbacks registered elsewhere in the same file (another hunk of it), by name, with
    /// the reason: a handler and its <c>request_irq()</c> are often in different hunks.</param>
    public static SourceContextAnalysis Analyze(
        string source, IReadOnlyList<Token> tokens, Func<int, int>? fileLine = null, FileSummaries? summaries = null,
        IReadOnlyDictionary<string, string>? fileRegistrations = null)
    {
        fileLine ??= line => line;
        var code = PreprocessorFilter.CodeTokens(source, tokens);
        var brackets = new BracketMap(source, code);
        var definitions = FunctionFinder.Find(source, code, brackets);
        var bodies = definitions.Select(d => StatementParser.ParseBody(source, code, brackets, d)).ToList();
        var roots = FindRegisteredCallbacks(source, code, brackets, fileLine);
        var entries = new Dictionary<string, EntryContext>(StringComparer.Ordinal);
        foreach (var (name, entry) in roots)
        {
            entries[name] = entry;
        }

        if (fileRegistrations is not null)
        {
            foreach (var d in definitions)
            {
                if (!entries.ContainsKey(d.Name) && fileRegistrations.TryGetValue(d.Name, out var registered))
                {
                    entries[d.Name] = new EntryContext(registered, d.Line);
                }
            }
        }

        if (summaries is not null)
        {
            foreach (var d in definitions)
            {
                if (!entries.ContainsKey(d.Name) && summaries.AtomicEntry(d.Name, d.IsStatic) is { } reason)
                {
                    entries[d.Name] = new EntryContext(reason, d.Line);
                }
            }
        }

        var results = Walk(source, code, definitions, bodies, entries, brackets, null);
        var wrappers = WithWrappers(source, code, definitions, bodies, entries, brackets, results, fileLine, TreeWrappers(results, definitions, summaries));
        for (var round = 0; round < CallerRounds; round++)
        {
            var changed = new List<int>();
            var callers = results.SelectMany(r => r.Calls.Select(c => (Caller: r, Call: c))).ToLookup(x => x.Call.Name, StringComparer.Ordinal);
            for (var i = 0; i < definitions.Count; i++)
            {
                var d = definitions[i];
                // A function that drops its caller's lock (spin_unlock of a lock it never took, __releases) is
                // not atomic for its whole body just because its callers hold that lock.
                if (!d.IsStatic || entries.ContainsKey(d.Name) || results[i].ReleasesCallersLock)
                {
                    continue;
                }

                var sites = callers[d.Name].ToList();
                if (sites.Count == 0 || sites.Any(s => s.Call.States.Count == 0 || s.Call.States.Any(st => !st.IsAtomic)))
                {
                    continue;
                }

                var (caller, call) = sites[0];
                var cause = call.States[0].AtomicCause!;
                entries[d.Name] = new EntryContext($"called from {caller.Function.Name}() at line {fileLine(call.Line)} under {cause.CallText}", call.Line);
                changed.Add(i);
            }

            if (changed.Count == 0)
            {
                break;
            }

            // Only functions whose entry context changed are walked again.
            foreach (var i in changed)
            {
                results[i] = PathWalker.Walk(source, code, definitions[i], bodies[i], entries[definitions[i].Name], brackets, wrappers);
            }
        }

        return new SourceContextAnalysis(results, summaries);
    }

    private static List<FunctionContext> Walk(
        string source, List<Token> code, List<FunctionDefinition> definitions, List<BlockStatement> bodies, Dictionary<string, EntryContext> entries, BracketMap brackets,
        IReadOnlyDictionary<string, LockWrapper>? wrappers)
    {
        var results = new List<FunctionContext>(definitions.Count);
        for (var i = 0; i < definitions.Count; i++)
        {
            entries.TryGetValue(definitions[i].Name, out var entry);
            results.Add(PathWalker.Walk(source, code, definitions[i], bodies[i], entry, brackets, wrappers));
        }

        return results;
    }

    /// <summary>
    /// The file's lock wrappers, found from the first walk; the functions calling one are walked again with them
    /// (twice, so that a wrapper of a wrapper is seen). Null when the file has none.
    /// </summary>
    private static Dictionary<string, LockWrapper>? WithWrappers(
        string source, List<Token> code, List<FunctionDefinition> definitions, List<BlockStatement> bodies, Dictionary<string, EntryContext> entries, BracketMap brackets,
        List<FunctionContext> results, Func<int, int> fileLine, Dictionary<string, LockWrapper> fromTree)
    {
        Dictionary<string, LockWrapper>? wrappers = null;
        for (var round = 0; round < 2; round++)
        {
            var found = LockWrappers.Find(results, fileLine);
            foreach (var (name, wrapper) in fromTree)
            {
                found.TryAdd(name, wrapper);
            }

            if (found.Count == 0 || (wrappers is not null && found.Count == wrappers.Count))
            {
                break;
            }

            wrappers = found;
            for (var i = 0; i < definitions.Count; i++)
            {
                if (results[i].Calls.Any(c => found.ContainsKey(c.Name)))
                {
                    entries.TryGetValue(definitions[i].Name, out var entry);
                    results[i] = PathWalker.Walk(source, code, definitions[i], bodies[i], entry, brackets, found);
                }
            }
        }

        return wrappers;
    }

    /// <summary>
    /// The acquire and release wrappers of the tree (or of the file's own summaries) that the file's functions call:
    /// <c>wiphy_lock(wiphy)</c> takes <c>&amp;wiphy-&gt;mtx</c> as mutex_lock() would.
    /// </summary>
    private static Dictionary<string, LockWrapper> TreeWrappers(List<FunctionContext> results, List<FunctionDefinition> definitions, FileSummaries? summaries)
    {
        var wrappers = new Dictionary<string, LockWrapper>(StringComparer.Ordinal);
        if (summaries is null)
        {
            return wrappers;
        }

        var defined = definitions.Select(d => d.Name).ToHashSet(StringComparer.Ordinal);
        var facts = new List<(string Name, Index.Summaries.LockFact Fact)>();
        foreach (var name in results.SelectMany(r => r.Calls).Select(c => c.Name).Distinct(StringComparer.Ordinal))
        {
            if (!defined.Contains(name) && LockPrimitives.Find(name) is null)
            {
                facts.AddRange(summaries.LockFacts(name).Where(f => f.Kind is Index.Summaries.LockFact.Acquires or Index.Summaries.LockFact.Releases).Take(1).Select(f => (name, f)));
            }
        }

        // A release wrapper only drops what is held. An acquire wrapper is used with its release wrapper in the file:
        // a lock taken through the one and dropped through a call not understood would stay held to the end.
        var releases = facts.Where(x => x.Fact.Kind == Index.Summaries.LockFact.Releases).Select(x => (x.Fact.Lock, x.Fact.By)).ToHashSet();
        foreach (var (name, fact) in facts)
        {
            var paired = fact.Kind == Index.Summaries.LockFact.Releases || releases.Contains((fact.Lock, LockPrimitives.Find(fact.By)?.Release ?? string.Empty));
            if (paired && LockWrapper.FromFact(name, fact) is { } wrapper)
            {
                wrappers[name] = wrapper;
            }
        }

        return wrappers;
    }

    /// <summary>
    /// The callbacks that <paramref name="source"/> (a hunk's text) registers to run in atomic context, by name, with the
    /// reason in the file's lines: passed to the analysis of the file's other hunks.
    /// </summary>
    public static IReadOnlyDictionary<string, string> RegisteredCallbacks(string source, IReadOnlyList<Token> tokens, Func<int, int> fileLine)
    {
        var code = PreprocessorFilter.CodeTokens(source, tokens);
        return FindRegisteredCallbacks(source, code, new BracketMap(source, code), fileLine)
            .ToDictionary(r => r.Key, r => r.Value.Reason, StringComparer.Ordinal);
    }

    /// <summary>Functions this file registers as callbacks that run in atomic context.</summary>
    private static Dictionary<string, EntryContext> FindRegisteredCallbacks(string source, List<Token> code, BracketMap brackets, Func<int, int> fileLine)
    {
        var roots = new Dictionary<string, EntryContext>(StringComparer.Ordinal);
        for (var k = 0; k + 1 < code.Count; k++)
        {
            if (code[k].Kind != TokenKind.Identifier)
            {
                continue;
            }

            var name = code[k].Text(source);
            if (code[k + 1].Is(source, "(") && AtomicCallbacks.TryGet(name, out var argument, out var context))
            {
                var callback = ArgumentIdentifier(source, code, brackets, k + 1, argument);
                if (callback is not null)
                {
                    roots.TryAdd(callback, new EntryContext($"{context} registered by {name}() at line {fileLine(code[k].Line)}", code[k].Line));
                }
            }
            else if (k > 0 && (code[k - 1].Is(source, ".") || code[k - 1].Is(source, "->")) && code[k + 1].Is(source, "=") &&
                     k + 2 < code.Count && code[k + 2].Kind == TokenKind.Identifier && AtomicCallbacks.ForFieldAssignment(name) is { } fieldContext &&
                     k + 3 < code.Count && code[k + 3].Is(source, ";"))
            {
                roots.TryAdd(code[k + 2].Text(source), new EntryContext($"{fieldContext} set at line {fileLine(code[k].Line)}", code[k].Line));
            }
        }

        return roots;
    }

    /// <summary>The single identifier (after an optional '&amp;') that is argument <paramref name="index"/> of the call at '(' <paramref name="open"/>, or null.</summary>
    private static string? ArgumentIdentifier(string source, List<Token> code, BracketMap brackets, int open, int index)
    {
        var close = brackets.Close(open, code.Count);
        var arguments = brackets.SplitArguments(open + 1, close < 0 ? code.Count : close);
        if (index >= arguments.Count)
        {
            return null;
        }

        var (start, end) = arguments[index];
        if (start < end && code[start].Is(source, "&"))
        {
            start++;
        }

        return end - start == 1 && code[start].Kind == TokenKind.Identifier ? code[start].Text(source) : null;
    }
}
