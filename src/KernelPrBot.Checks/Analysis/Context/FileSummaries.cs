using KernelPrBot.Checks.Index;
using KernelPrBot.Checks.Index.Summaries;
using KernelPrBot.Checks.Source;

namespace KernelPrBot.Checks.Analysis.Context;

/// <summary>
/// The summaries for one file under analysis: its own functions summarised from its text (the patched version wins
/// over the tree's), everything else from the tree's index. A function of the file may sleep when its main line
/// calls a sleeping primitive, a sleeping allocation, one of the file's functions that may sleep, or a tree function
/// that may sleep — the same test the index applies to the whole tree (<see cref="CallGraphSolver"/>).
/// </summary>
public sealed class FileSummaries
{
    private readonly Dictionary<string, IReadOnlyList<SleepStep>> _localSleeps = new(StringComparer.Ordinal);
    private readonly Dictionary<string, IReadOnlyList<SleepStep>> _localRcuNeeds = new(StringComparer.Ordinal);
    private readonly Dictionary<string, IReadOnlyList<LockFact>> _localLockFacts = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<LockFact>> _localClasses = new(StringComparer.Ordinal);
    private readonly Dictionary<string, IrqUse> _localIrqUses = new(StringComparer.Ordinal);
    private readonly HashSet<string> _localNames = new(StringComparer.Ordinal);
    private readonly List<(string Struct, string Field, string Callback, int Line)> _slots = [];

    private readonly Func<int, int> _fileLine;

    private readonly IReadOnlySet<string> _changedElsewhere;

    private FileSummaries(TreeKnowledge? tree, string path, Func<int, int> fileLine, IReadOnlySet<string>? changedElsewhere)
    {
        _changedElsewhere = changedElsewhere ?? new HashSet<string>();
        Tree = tree;
        Path = path;
        _fileLine = fileLine;
    }

    public TreeKnowledge? Tree { get; }

    public string Path { get; }

    /// <summary>Summarises a view (the file, or a hunk's text) at <paramref name="path"/>, from the tokens it was lexed into once.</summary>
    /// <param name="changedElsewhere">Functions the series changes (in any file): the index's lock facts and RCU needs of them are stale and not used.</param>
    public static FileSummaries Build(CodeView view, string path, TreeKnowledge? tree, IReadOnlySet<string>? changedElsewhere = null)
    {
        ArgumentNullException.ThrowIfNull(view);
        return Build(view.Text, view.CodeTokens, path, tree, view.NewLine, changedElsewhere);
    }

    /// <summary>Summarises <paramref name="source"/> at <paramref name="path"/>; <paramref name="fileLine"/> maps its lines to the file's.</summary>
    private static FileSummaries Build(string source, IReadOnlyList<Token> codeTokens, string path, TreeKnowledge? tree, Func<int, int>? fileLine, IReadOnlySet<string>? changedElsewhere)
    {
        var summaries = new FileSummaries(tree, path, fileLine ?? (line => line), changedElsewhere);
        var sink = new Sink();
        sink.Graph.BeginFile(path.EndsWith(".h", StringComparison.Ordinal) ? path : path + (path.EndsWith(".c", StringComparison.Ordinal) ? string.Empty : ".c"));
        SymbolScanner.Scan(source, codeTokens, sink);
        summaries.Solve(sink.Graph);
        return summaries;
    }

    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<CodeView, FileSummaries> LocalOnly = new();

    /// <summary>The analysis' summaries (the tree's behind the file's own, with an index), else the file's own alone, made once per view.</summary>
    public static FileSummaries Of(SourceContextAnalysis analysis, CodeView view, string path)
    {
        ArgumentNullException.ThrowIfNull(analysis);
        return analysis.Summaries ?? LocalOnly.GetValue(view, v => Build(v, path, null));
    }

    /// <summary>How calling <paramref name="callee"/> from this file may sleep (first step first), or null.</summary>
    public IReadOnlyList<SleepStep>? MaySleep(string callee)
    {
        if (_localSleeps.TryGetValue(callee, out var local))
        {
            return local;
        }

        return _localNames.Contains(callee) ? null : Tree?.MaySleep(callee, Path);
    }

    /// <summary>How calling <paramref name="callee"/> from this file reads RCU-protected data with no read section of its own (first step first), or null.</summary>
    public IReadOnlyList<SleepStep>? NeedsRcu(string callee)
    {
        if (_localRcuNeeds.TryGetValue(callee, out var local))
        {
            return local;
        }

        if (_localNames.Contains(callee) || _changedElsewhere.Contains(callee) || Tree?.NeedsRcu(callee, Path) is not { } chain)
        {
            return null;
        }

        // A chain through a function the series changes is stale.
        return chain.Any(step => _changedElsewhere.Contains(step.Callee)) ? null : chain;
    }

    /// <summary>What <paramref name="callee"/> does with locks its caller names (wrappers, locks taken, locks required): this file's version, else the tree's.</summary>
    public IReadOnlyList<LockFact> LockFacts(string callee)
    {
        if (_localLockFacts.TryGetValue(callee, out var local))
        {
            return local;
        }

        return _localNames.Contains(callee) || _changedElsewhere.Contains(callee) ? [] : Tree?.LockFacts(callee, Path) ?? [];
    }

    /// <summary>The spinlock classes a function of this file takes (<see cref="LockFact.TakesClass"/>, lines of the file).</summary>
    public IReadOnlyList<LockFact> TakenClasses(string function) => _localClasses.TryGetValue(function, out var taken) ? taken : [];

    /// <summary>How a callback of this file, or of the tree, running in interrupt context takes the lock class; null when none does.</summary>
    public IrqUse? IrqUse(string lockClass) => _localIrqUses.TryGetValue(lockClass, out var local) ? local : Tree?.IrqUse(lockClass);

    /// <summary>
    /// How a function of this file may sleep when the tree has it not sleeping, and a caller of the tree that holds an
    /// atomic section while calling it: the patch has made a helper sleep under its callers' locks. Null otherwise.
    /// </summary>
    public (IReadOnlyList<SleepStep> Chain, LockedCaller Caller)? NowSleepsUnderCaller(string name, bool isStatic) =>
        _localSleeps.TryGetValue(name, out var chain) && Tree?.LockedCallerOf(name, Path, isStatic) is { } caller ? (chain, caller) : null;

    /// <summary>Why a function defined in this file runs in atomic context by what the tree knows, or null.</summary>
    public string? AtomicEntry(string name, bool isStatic)
    {
        foreach (var (structType, field, callback, line) in _slots)
        {
            if (callback == name && Tree?.Slot(structType, field) is { } slot)
            {
                return $"the .{field} callback of struct {slot.Struct} (set at line {line}; {slot.Source}:{slot.Line}: \"{slot.Context}\")";
            }
        }

        // A static function's callers are all in this file, where the path walk judges them with the patch applied.
        var fact = Tree?.AtomicEntry(name, Path, isStatic);
        return fact is null || (isStatic && fact.FromCallers) ? null : $"{fact.Reason} ({fact.Path}:{fact.Line})";
    }

    private void Solve(CallGraphBuilder graph)
    {
        foreach (var f in graph.Functions)
        {
            _localNames.Add(graph.Names[f.Name]);
        }

        foreach (var (structType, field, callback, _, line) in graph.Slots)
        {
            _slots.Add((graph.Names[structType], graph.Names[field], graph.Names[callback], line));
        }

        var changed = true;
        for (var round = 0; changed && round < 32; round++)
        {
            changed = false;
            foreach (var f in graph.Functions)
            {
                var name = graph.Names[f.Name];
                if (_localSleeps.ContainsKey(name) || f.ReleasesCallersLock)
                {
                    continue;
                }

                for (var c = f.CallStart; c < f.CallEnd; c++)
                {
                    var call = graph.Calls[c];
                    if (!CallGraphSolver.MakesCallerSleep(call.Position))
                    {
                        continue;
                    }

                    var callee = graph.Names[call.Callee];
                    var step = new SleepStep(name, callee, Path, _fileLine(call.Line));
                    IReadOnlyList<SleepStep>? rest = null;
                    if ((call.Position & CallPosition.SleepingAllocation) != 0 || (CallGraphSolver.IsSeed(callee) && !_localNames.Contains(callee)))
                    {
                        rest = [];
                    }
                    else if (_localSleeps.TryGetValue(callee, out var local))
                    {
                        rest = local;
                    }
                    else if (!_localNames.Contains(callee) && Tree?.MaySleep(callee, Path) is { } tree)
                    {
                        rest = tree;
                    }

                    if (rest is not null)
                    {
                        _localSleeps[name] = [step, .. rest];
                        changed = true;
                        break;
                    }
                }
            }
        }

        SolveLocks(graph);
    }

    /// <summary>The file's own lock facts, and which of its functions need RCU from their callers (as the index solves the tree's).</summary>
    private void SolveLocks(CallGraphBuilder graph)
    {
        var manages = new HashSet<string>(StringComparer.Ordinal);
        foreach (var f in graph.Functions)
        {
            var name = graph.Names[f.Name];
            var facts = new List<LockFact>();
            foreach (var fact in f.LockFacts ?? [])
            {
                if (fact.Kind == LockFact.ManagesRcu)
                {
                    manages.Add(name);
                }
                else if (fact.Kind == LockFact.NeedsRcu && !_localSleeps.ContainsKey(name))
                {
                    _localRcuNeeds.TryAdd(name, [new SleepStep(name, fact.By, Path, _fileLine(fact.Line))]);
                }
                else if (fact.Kind == LockFact.TakesClass)
                {
                    if (!_localClasses.TryGetValue(name, out var classes))
                    {
                        _localClasses[name] = classes = [];
                    }

                    classes.Add(fact with { Line = _fileLine(fact.Line), Path = Path });
                }
                else if (fact.Kind == LockFact.Forwards)
                {
                    continue;
                }
                else if (fact.Kind == LockFact.RequiresByWrapper)
                {
                    var wrapper = LockFacts(fact.By).FirstOrDefault(x => x.Kind == LockFact.Requires && LockTemplates.Parameter(x.Lock) == 0);
                    if (wrapper is not null && LockTemplates.Substitute(wrapper.Lock, [fact.Lock]) is { } lockName)
                    {
                        facts.Add(fact with { Kind = LockFact.Requires, Lock = lockName, Line = _fileLine(fact.Line), Path = Path });
                    }
                }
                else
                {
                    facts.Add(fact with { Line = _fileLine(fact.Line), Path = Path });
                }
            }

            // Later definitions of a name (#ifdef variants) do not add to the first's.
            _localLockFacts.TryAdd(name, facts);
        }

        // Wrappers of wrappers, as the index finds them.
        var forwards = graph.Functions.SelectMany(f => (f.LockFacts ?? []).Where(x => x.Kind == LockFact.Forwards).Select(x => (Name: graph.Names[f.Name], Fact: x))).ToList();
        for (var round = 0; round < 3 && forwards.Count > 0; round++)
        {
            var added = false;
            foreach (var (name, forward) in forwards)
            {
                if (_localLockFacts.TryGetValue(name, out var own) && !own.Any(x => x.Kind is LockFact.Acquires or LockFact.Releases) &&
                    LockSummaries.Forwarded(forward, [LockFacts(forward.Lock)]) is { } fact)
                {
                    _localLockFacts[name] = [.. own, fact with { Line = _fileLine(fact.Line), Path = Path }];
                    added = true;
                }
            }

            if (!added)
            {
                break;
            }
        }

        foreach (var (callback, _, how, line) in graph.Registrations)
        {
            if (LockSummaries.IrqLevel(how) is { } level)
            {
                foreach (var taken in TakenClasses(graph.Names[callback]))
                {
                    if (!_localIrqUses.TryGetValue(taken.Lock, out var known) || (!known.HardIrq && level == "hardirq"))
                    {
                        _localIrqUses[taken.Lock] = new IrqUse(level, graph.Names[callback], taken.By, Path, taken.Line, $"{how}, line {_fileLine(line)}");
                    }
                }
            }
        }

        var changed = true;
        for (var round = 0; changed && round < 32; round++)
        {
            changed = false;
            foreach (var f in graph.Functions)
            {
                var name = graph.Names[f.Name];
                if (_localRcuNeeds.ContainsKey(name) || manages.Contains(name) || _localSleeps.ContainsKey(name) || f.ReleasesCallersLock)
                {
                    continue;
                }

                for (var c = f.CallStart; c < f.CallEnd; c++)
                {
                    var call = graph.Calls[c];
                    if ((call.Position & (CallPosition.MaybeAtomic | CallPosition.Guarded | CallPosition.Conditional)) != 0)
                    {
                        continue;
                    }

                    var callee = graph.Names[call.Callee];
                    if (NeedsRcu(callee) is { Count: <= 3 } rest)
                    {
                        _localRcuNeeds[name] = [new SleepStep(name, callee, Path, _fileLine(call.Line)), .. rest];
                        changed = true;
                        break;
                    }
                }
            }
        }
    }

    private sealed class Sink : ISymbolSink, ISummarySink
    {
        public CallGraphBuilder Graph { get; } = new();

        public string CurrentPath => Graph.CurrentPath;

        public void Add(ReadOnlySpan<char> name, SymbolKinds kinds, Arity? arity, int line)
        {
        }

        public void BeginFunction(ReadOnlySpan<char> name, bool isStatic, bool isInit, int line) => Graph.BeginFunction(name, isStatic, isInit, line);

        public void AddCall(ReadOnlySpan<char> callee, int line, CallPosition position, ReadOnlySpan<char> cause, int causeLine) =>
            Graph.AddCall(callee, line, position, cause, causeLine);

        public void AddRegistration(ReadOnlySpan<char> callback, string how, int line) => Graph.AddRegistration(callback, how, line);

        public void AddSlotAssignment(ReadOnlySpan<char> structType, ReadOnlySpan<char> field, ReadOnlySpan<char> callback, int line) =>
            Graph.AddSlotAssignment(structType, field, callback, line);

        public void AddValueReference(ReadOnlySpan<char> name) => Graph.AddValueReference(name);

        public void EndFunction(bool releasesCallersLock) => Graph.EndFunction(releasesCallersLock);

        public void AddLockFact(LockFact fact) => Graph.AddLockFact(fact);
    }
}
