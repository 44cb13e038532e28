using System.Runtime.InteropServices;
using KernelPrBot.Checks.Kernel;

namespace KernelPrBot.Checks.Index.Summaries;

/// <summary>
/// Turns the tree's call graph into summary records, each fact with one witness:
/// <list type="bullet">
/// <item><b>may sleep</b>: a function calls a sleeping primitive of the seed table, or allocates with a sleeping GFP
/// flag, or calls a function that may sleep, on its main line (see <see cref="MakesCallerSleep"/>);
/// propagated backwards over the call graph to a fixed point (breadth first, so the witness chain is a short one).
/// A name with several definitions (config variants, arch versions) sleeps only if every one does.</item>
/// <item><b>atomic entry</b>: a function handed to an atomic registration (request_irq, timer_setup…), stored in an
/// ops-table slot that the documentation calls atomic, or whose every call site in the tree is surely atomic —
/// under a lock taken unconditionally, or in a function that itself runs atomic — and whose address is never
/// taken (so no caller is hidden).</item>
/// </list>
/// A call is resolved to the static function of the caller's own .c file when there is one, else to the tree's
/// other definitions of the name.
/// </summary>
public static class CallGraphSolver
{
    public static bool IsSeed(string name) => SleepingCalls.AlwaysSleeps(name);

    public static List<string> Solve(CallGraphBuilder graph, IReadOnlyList<DocumentedSlot> slots)
    {
        ArgumentNullException.ThrowIfNull(graph);
        ArgumentNullException.ThrowIfNull(slots);
        graph.Canonicalize();
        slots = slots.OrderBy(s => s.Struct, StringComparer.Ordinal).ThenBy(s => s.Field, StringComparer.Ordinal)
            .ThenBy(s => s.Source, StringComparer.Ordinal).ThenBy(s => s.Line).ToList();
        var resolver = new Resolver(graph);
        var sleeps = MaySleep(graph, resolver);
        var entries = AtomicEntries(graph, resolver, slots, out var lockedCaller);
        var locks = LockSummaries.Solve(graph, resolver, sleeps);
        return Records(graph, sleeps, entries, lockedCaller, locks, slots);
    }

    private static (int Callee, int Line, int Target)?[] MaySleep(CallGraphBuilder graph, Resolver resolver)
    {
        var functions = graph.Functions;
        var calls = graph.Calls;
        var witness = new (int Callee, int Line, int Target)?[functions.Count];
        var seeds = new bool[graph.Names.Count];
        for (var n = 0; n < seeds.Length; n++)
        {
            seeds[n] = IsSeed(graph.Names[n]);
        }

        var queue = new Queue<int>();
        for (var f = 0; f < functions.Count; f++)
        {
            var node = functions[f];
            if (node.ReleasesCallersLock)
            {
                continue; // it drops its caller's lock, sleeps and retakes it: calling it under that lock is by design
            }

            for (var c = node.CallStart; c < node.CallEnd; c++)
            {
                var call = calls[c];
                if (!MakesCallerSleep(call.Position))
                {
                    continue;
                }

                var seed = seeds[call.Callee] && !resolver.IsFileLocal(node.Path, call.Callee);
                if (seed || (call.Position & CallPosition.SleepingAllocation) != 0)
                {
                    witness[f] = (call.Callee, call.Line, -1);
                    queue.Enqueue(f);
                    break;
                }
            }
        }

        // Callers by callee name, only of calls where the callee's sleeping makes the caller sleep.
        var (start, byCallee) = CallsByCallee(graph, MakesCallerSleep);

        while (queue.Count > 0)
        {
            var g = queue.Dequeue();
            var name = functions[g].Name;
            for (var s = start[name]; s < start[name + 1]; s++)
            {
                var call = calls[byCallee[s]];
                var f = call.Caller;
                if (witness[f] is not null || functions[f].ReleasesCallersLock)
                {
                    continue;
                }

                var targets = resolver.Resolve(functions[f].Path, call.Callee);
                if (!targets.Contains(g) || targets.Any(t => witness[t] is null))
                {
                    continue;
                }

                witness[f] = (call.Callee, call.Line, g);
                queue.Enqueue(f);
            }
        }

        return witness;
    }

    /// <summary>
    /// The calls kept by <paramref name="keep"/>, grouped by callee name in compressed rows: those of name n are
    /// byCallee[start[n] .. start[n + 1]).
    /// </summary>
    internal static (int[] Start, int[] ByCallee) CallsByCallee(CallGraphBuilder graph, Func<CallPosition, bool> keep)
    {
        var calls = graph.Calls;
        var start = new int[graph.Names.Count + 1];
        foreach (var call in calls)
        {
            if (keep(call.Position))
            {
                start[call.Callee + 1]++;
            }
        }

        for (var n = 0; n < graph.Names.Count; n++)
        {
            start[n + 1] += start[n];
        }

        var byCallee = new int[start[^1]];
        var fill = (int[])start.Clone();
        for (var c = 0; c < calls.Count; c++)
        {
            if (keep(calls[c].Position))
            {
                byCallee[fill[calls[c].Callee]++] = c;
            }
        }

        return (start, byCallee);
    }

    /// <summary>
    /// A call that makes its caller sleep: on the function's main line (not under an if or switch, where the mode of
    /// the call decides — usb_submit_urb() sleeps only for a root hub's control URB), with nothing atomic held and the
    /// context not tested. What sleeps only on some paths is left out: a wrong "may sleep" would be blamed on every caller.
    /// </summary>
    public static bool MakesCallerSleep(CallPosition position) => (position & (CallPosition.MaybeAtomic | CallPosition.Guarded | CallPosition.Conditional)) == 0;

    private static (string Reason, int Path, int Line)?[] AtomicEntries(CallGraphBuilder graph, Resolver resolver, IReadOnlyList<DocumentedSlot> slots, out int[] lockedCaller)
    {
        var functions = graph.Functions;
        var calls = graph.Calls;
        var entry = new (string Reason, int Path, int Line)?[functions.Count];
        var queue = new Queue<int>();

        void Root(int target, string reason, int path, int line)
        {
            if (entry[target] is null && !functions[target].ReleasesCallersLock)
            {
                entry[target] = (reason, path, line);
                queue.Enqueue(target);
            }
        }

        foreach (var (callback, path, how, line) in graph.Registrations)
        {
            foreach (var t in resolver.Resolve(path, callback))
            {
                Root(t, how, path, line);
            }
        }

        var documented = Documented(slots);
        foreach (var (structType, field, function, path, line) in graph.Slots)
        {
            if (documented.TryGetValue((graph.Names[structType], graph.Names[field]), out var doc))
            {
                foreach (var t in resolver.Resolve(path, function))
                {
                    Root(t, $"the .{doc.Field} callback of struct {doc.Struct} ({doc.Source}:{doc.Line}: \"{doc.Context}\")", path, line);
                }
            }
        }

        // Names used as values: a file-local function's in its own file, a global one's anywhere.
        // Only the names of functions matter: the many other values (local variables) are dropped on the way in.
        var functionHashes = new ulong[functions.Count];
        var isFunction = new HashSet<ulong>(functions.Count);
        for (var f = 0; f < functions.Count; f++)
        {
            functionHashes[f] = CallGraphBuilder.NameHash(graph.Names[functions[f].Name]);
            isFunction.Add(functionHashes[f]);
        }

        var valueInFile = new HashSet<(ulong Name, int Path)>();
        var valueAnywhere = new HashSet<ulong>();
        foreach (var value in graph.Values)
        {
            if (isFunction.Contains(value.Name))
            {
                valueInFile.Add(value);
                valueAnywhere.Add(value.Name);
            }
        }

        bool Escapes(int f) => functions[f].FileLocal ? valueInFile.Contains((functionHashes[f], functions[f].Path)) : valueAnywhere.Contains(functionHashes[f]);

        var total = new int[functions.Count];
        var atomic = new int[functions.Count];
        var firstAtomic = new int[functions.Count];
        Array.Fill(firstAtomic, -1);
        for (var c = 0; c < calls.Count; c++)
        {
            var call = calls[c];
            foreach (var t in resolver.Resolve(functions[call.Caller].Path, call.Callee))
            {
                total[t]++;
                if (SurelyAtomic(call.Position) && !functions[call.Caller].IsInit)
                {
                    atomic[t]++;
                    if (firstAtomic[t] < 0)
                    {
                        firstAtomic[t] = c;
                    }
                }
            }
        }

        lockedCaller = (int[])firstAtomic.Clone();

        void Consider(int t)
        {
            if (entry[t] is null && total[t] > 0 && atomic[t] == total[t] && !Escapes(t) && !functions[t].ReleasesCallersLock && !functions[t].IsInit && firstAtomic[t] >= 0)
            {
                var call = calls[firstAtomic[t]];
                var caller = functions[call.Caller];
                var how = SurelyAtomic(call.Position) && call.Cause >= 0
                    ? $"called under {graph.Names[call.Cause]}() (line {call.CauseLine}) from {graph.Names[caller.Name]}()"
                    : $"called from {graph.Names[caller.Name]}(), which runs in atomic context";
                entry[t] = (how, caller.Path, call.Line);
                queue.Enqueue(t);
            }
        }

        for (var f = 0; f < functions.Count; f++)
        {
            Consider(f);
        }

        while (queue.Count > 0)
        {
            var e = queue.Dequeue();
            var node = functions[e];
            if (node.ReleasesCallersLock || node.IsInit)
            {
                continue;
            }

            for (var c = node.CallStart; c < node.CallEnd; c++)
            {
                var call = calls[c];
                if (SurelyAtomic(call.Position) || (call.Position & CallPosition.Guarded) != 0)
                {
                    continue;
                }

                foreach (var t in resolver.Resolve(node.Path, call.Callee))
                {
                    atomic[t]++;
                    if (firstAtomic[t] < 0)
                    {
                        firstAtomic[t] = c;
                    }

                    Consider(t);
                }
            }
        }

        return entry;
    }

    /// <summary>
    /// The documented slots by (struct, field), and by ("", field) for a distinctive field name only one documented
    /// struct has: an assignment in a function body ("led->cdev.brightness_set = fn;") does not show the struct's type.
    /// </summary>
    public static Dictionary<(string Struct, string Field), DocumentedSlot> Documented(IReadOnlyList<DocumentedSlot> slots)
    {
        ArgumentNullException.ThrowIfNull(slots);
        var result = new Dictionary<(string Struct, string Field), DocumentedSlot>();
        foreach (var slot in slots)
        {
            result.TryAdd((slot.Struct, slot.Field), slot);
        }

        // Only a distinctive field name (brightness_set, ndo_start_xmit): "setup" or "enable" belong to many structs.
        foreach (var group in slots.DistinctBy(s => (s.Struct, s.Field)).GroupBy(s => s.Field, StringComparer.Ordinal)
                     .Where(g => g.Count() == 1 && g.Key.Length >= 8 && g.Key.Contains('_', StringComparison.Ordinal)))
        {
            result.TryAdd((string.Empty, group.Key), group.First());
        }

        return result;
    }

    /// <summary>Under a lock taken unconditionally, and not under a test of the context (which may say "not atomic here").</summary>
    private static bool SurelyAtomic(CallPosition position) => (position & CallPosition.SurelyAtomic) != 0 && (position & CallPosition.Guarded) == 0;

    private static List<string> Records(
        CallGraphBuilder graph, (int Callee, int Line, int Target)?[] sleeps, (string Reason, int Path, int Line)?[] entries, int[] lockedCaller,
        (List<LockFact>?[] Facts, (int Callee, int Line, int Target)?[] Rcu, List<string> IrqUses) locks, IReadOnlyList<DocumentedSlot> slots)
    {
        var functions = graph.Functions;
        string Key(int f) => FunctionFacts.FunctionKey(
            graph.Names[functions[f].Name],
            functions[f].FileLocal ? graph.Paths[functions[f].Path] : functions[f].DirectoryLocal ? FunctionFacts.DirectoryOf(graph.Paths[functions[f].Path]) : null);

        // Definitions of one key (a name, or a name in one .c file): grouped by ids, the key text made only for a record.
        // A function's scope: its file (static in a .c), its directory (static in a driver's header), or the tree (-1).
        var directories = new Dictionary<string, int>(StringComparer.Ordinal);
        int Scope(int f) =>
            functions[f].FileLocal ? functions[f].Path
            : functions[f].DirectoryLocal ? -2 - (directories.TryGetValue(FunctionFacts.DirectoryOf(graph.Paths[functions[f].Path]), out var d) ? d : directories[FunctionFacts.DirectoryOf(graph.Paths[functions[f].Path])] = directories.Count)
            : -1;

        var records = new List<string>();
        var groups = new Dictionary<(int Name, int Path), List<int>>();
        for (var f = 0; f < functions.Count; f++)
        {
            if (sleeps[f] is null && entries[f] is null && lockedCaller[f] < 0 && locks.Facts[f] is null && locks.Rcu[f] is null)
            {
                continue;
            }

            var id = (functions[f].Name, Scope(f));
            if (!groups.TryGetValue(id, out var list))
            {
                groups[id] = list = [];
            }

            list.Add(f);
        }

        var definitions = new Dictionary<(int Name, int Path), int>();
        for (var g = 0; g < functions.Count; g++)
        {
            var id = (functions[g].Name, Scope(g));
            if (groups.ContainsKey(id))
            {
                definitions[id] = definitions.GetValueOrDefault(id) + 1;
            }
        }

        foreach (var (id, members) in groups)
        {
            var all = definitions[id];
            var key = Key(members[0]);
            if (members.Count(f => sleeps[f] is not null) == all)
            {
                records.Add(ChainRecord(key, FunctionFacts.MaySleepKind, members[0], sleeps[members[0]]!.Value));
            }

            if (members.Count(f => locks.Rcu[f] is not null) == all)
            {
                records.Add(ChainRecord(key, FunctionFacts.NeedsRcuKind, members[0], locks.Rcu[members[0]]!.Value));
            }

            // A lock fact counts when every definition of the name has it (config variants may lock differently).
            if (members.Count(f => locks.Facts[f] is not null) == all)
            {
                foreach (var fact in locks.Facts[members[0]]!.Where(x => members.All(m => locks.Facts[m]!.Any(y => y.Kind == x.Kind && y.Lock == x.Lock))).DistinctBy(x => (x.Kind, x.Lock)))
                {
                    string[] fields = [fact.Lock, fact.By, fact.Line.ToString(System.Globalization.CultureInfo.InvariantCulture), graph.Paths[functions[members[0]].Path]];
                    records.Add(FunctionFacts.Record(key, fact.Kind, fact.Via.Length == 0 ? fields : [.. fields, fact.Via]));
                }
            }

            // A function that does not sleep but that some caller calls under a lock: if a patch makes it sleep, that caller breaks.
            if (members.All(f => sleeps[f] is null && entries[f] is null) && members.FirstOrDefault(f => lockedCaller[f] >= 0, -1) is >= 0 and var lockedAt)
            {
                var call = graph.Calls[lockedCaller[lockedAt]];
                var caller = functions[call.Caller];
                records.Add(FunctionFacts.Record(
                    key, FunctionFacts.LockedCallerKind, graph.Names[caller.Name], call.Cause >= 0 ? graph.Names[call.Cause] : string.Empty,
                    graph.Paths[caller.Path], call.Line.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            }

            if (members.Count(f => entries[f] is not null) == all)
            {
                var (reason, path, line) = entries[members.First(f => entries[f] is not null)]!.Value;
                records.Add(FunctionFacts.Record(key, FunctionFacts.AtomicEntryKind, reason, graph.Paths[path], line.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            }
        }

        string ChainRecord(string key, char kind, int f, (int Callee, int Line, int Target) witness)
        {
            var (callee, line, target) = witness;
            var path = graph.Paths[functions[f].Path];
            var calleeKey = target < 0 ? string.Empty : FunctionFacts.ShortCalleeKey(graph.Names[callee], Key(target), path);
            var fields = new List<string> { graph.Names[callee], calleeKey, line.ToString(System.Globalization.CultureInfo.InvariantCulture) };
            if (!functions[f].FileLocal)
            {
                fields.Add(path);
            }

            return FunctionFacts.Record(key, kind, [.. fields]);
        }

        foreach (var ((structType, field), slot) in Documented(slots))
        {
            records.Add(FunctionFacts.Record(FunctionFacts.SlotKey(structType, field), FunctionFacts.DocumentedSlotKind, slot.Context, slot.Source, slot.Line.ToString(System.Globalization.CultureInfo.InvariantCulture), slot.Struct));
        }

        records.AddRange(locks.IrqUses);
        records.Sort(StringComparer.Ordinal);
        return records;
    }

    /// <summary>Resolves a callee name from a caller's file: that file's static definitions first, else every other definition.</summary>
    internal sealed class Resolver
    {
        private static readonly List<int> None = [];

        private readonly Dictionary<(int Path, int Name), List<int>> _fileLocal = [];

        // Directories by id, so that a lookup hashes two ints, not a path (every call of the tree is resolved).
        private readonly Dictionary<string, int> _directoryIds = new(StringComparer.Ordinal);
        private readonly Dictionary<(int Directory, int Name), List<int>> _directoryLocal = [];
        private readonly Dictionary<int, List<int>> _global = [];
        private readonly CallGraphBuilder _graph;
        private readonly int[]?[] _including;

        public Resolver(CallGraphBuilder graph)
        {
            _graph = graph;
            _including = new int[]?[graph.Paths.Count];
            for (var f = 0; f < graph.Functions.Count; f++)
            {
                var node = graph.Functions[f];
                if (node.FileLocal)
                {
                    Add(_fileLocal, (node.Path, node.Name), f);
                }
                else if (node.DirectoryLocal)
                {
                    Add(_directoryLocal, (DirectoryId(FunctionFacts.DirectoryOf(graph.Paths[node.Path])), node.Name), f);
                }
                else
                {
                    Add(_global, node.Name, f);
                }
            }
        }

        private int DirectoryId(string directory)
        {
            ref var id = ref CollectionsMarshal.GetValueRefOrAddDefault(_directoryIds, directory, out var exists);
            if (!exists)
            {
                id = _directoryIds.Count - 1;
            }

            return id;
        }

        private static void Add<TKey>(Dictionary<TKey, List<int>> map, TKey key, int f)
            where TKey : notnull
        {
            if (!map.TryGetValue(key, out var list))
            {
                map[key] = list = [];
            }

            list.Add(f);
        }

        public bool IsFileLocal(int path, int name) => _fileLocal.ContainsKey((path, name));

        /// <summary>The definitions a call of <paramref name="name"/> from <paramref name="path"/> reaches (a shared empty list for none: do not modify).</summary>
        public List<int> Resolve(int path, int name)
        {
            if (_fileLocal.TryGetValue((path, name), out var local))
            {
                return local;
            }

            if (_directoryLocal.Count > 0)
            {
                foreach (var directory in _including[path] ??= IncludingDirectoryIds(path))
                {
                    if (_directoryLocal.TryGetValue((directory, name), out var near))
                    {
                        return near;
                    }
                }
            }

            return _global.TryGetValue(name, out var global) ? global : None;
        }

        /// <summary>The ids of the directories whose headers' static inlines a file sees; directories with none are left out.</summary>
        private int[] IncludingDirectoryIds(int path) =>
            FunctionFacts.IncludingDirectories(_graph.Paths[path])
                .Select(d => _directoryIds.TryGetValue(d, out var id) ? id : -1).Where(id => id >= 0).ToArray();
    }
}
