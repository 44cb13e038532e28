namespace KernelPrBot.Checks.Index.Summaries;

/// <summary>
/// The tree's call graph as the scan finds it, one builder per scanning worker, merged at the end: function
/// definitions, their calls, atomic registrations and ops-table slots, and the names used as values. Names and
/// paths are interned so that the several million calls of a tree are kept as small structs.
/// </summary>
public sealed class CallGraphBuilder : ISummarySink
{
    private readonly Dictionary<string, int> _nameIds = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _names;
    private readonly HashSet<ulong> _fileValues = [];
    private readonly List<LockFact> _lockFacts = [];
    private int _path = -1;
    private int _function = -1;

    public CallGraphBuilder() => _names = _nameIds.GetAlternateLookup<ReadOnlySpan<char>>();

    internal List<string> Names { get; } = [];

    internal List<string> Paths { get; } = [];

    internal List<FunctionNode> Functions { get; } = [];

    internal List<CallEdge> Calls { get; } = [];

    internal List<(int Callback, int Path, string How, int Line)> Registrations { get; } = [];

    internal List<(int Struct, int Field, int Function, int Path, int Line)> Slots { get; } = [];

    /// <summary>Functions (by name) whose kernel-doc says their caller holds rcu_read_lock(): the doc's file, line and words.</summary>
    internal List<(int Function, int Path, int Line, string Sentence)> DocumentedRcuNeeds { get; } = [];

    /// <summary>(hash of the name, path) for every name a file uses as a value, once per file. Hashed, not interned:
    /// most are local variables, and a collision only makes a function look escaping (no atomic entry from callers).</summary>
    internal List<(ulong Name, int Path)> Values { get; } = [];

    public int FunctionCount => Functions.Count;

    /// <summary>The file begun last.</summary>
    public string CurrentPath => _path >= 0 ? Paths[_path] : string.Empty;

    public int CallCount => Calls.Count;

    internal int Intern(ReadOnlySpan<char> name)
    {
        if (_names.TryGetValue(name, out var id))
        {
            return id;
        }

        var text = name.ToString();
        id = Names.Count;
        Names.Add(text);
        _nameIds[text] = id;
        return id;
    }

    /// <summary>Starts a file of the tree (relative path with '/').</summary>
    public void BeginFile(string relativePath)
    {
        _fileValues.Clear();
        _path = Paths.Count;
        Paths.Add(relativePath);
    }

    public void BeginFunction(ReadOnlySpan<char> name, bool isStatic, bool isInit, int line)
    {
        var fileLocal = isStatic && Paths[_path].EndsWith(".c", StringComparison.Ordinal);
        _function = Functions.Count;
        Functions.Add(new FunctionNode(Intern(name), _path, line, fileLocal, Calls.Count)
        {
            IsInit = isInit,
            DirectoryLocal = isStatic && !fileLocal && !FunctionFacts.IsSharedHeader(Paths[_path]),
        });
    }

    public void AddCall(ReadOnlySpan<char> callee, int line, CallPosition position, ReadOnlySpan<char> cause, int causeLine)
    {
        if (_function < 0)
        {
            return;
        }

        Calls.Add(new CallEdge(_function, Intern(callee), line, position, cause.IsEmpty ? -1 : Intern(cause), causeLine));
    }

    public void AddRegistration(ReadOnlySpan<char> callback, string how, int line) =>
        Registrations.Add((Intern(callback), _path, how, line));

    public void AddSlotAssignment(ReadOnlySpan<char> structType, ReadOnlySpan<char> field, ReadOnlySpan<char> callback, int line) =>
        Slots.Add((Intern(structType), Intern(field), Intern(callback), _path, line));

    public void AddDocumentedRcuNeed(string function, string path, int line, string sentence) =>
        DocumentedRcuNeeds.Add((Intern(function), _path, line, sentence));

    public void AddValueReference(ReadOnlySpan<char> name)
    {
        var hash = NameHash(name);
        if (_fileValues.Add(hash))
        {
            Values.Add((hash, _path));
        }
    }

    /// <summary>64-bit FNV-1a of a name.</summary>
    internal static ulong NameHash(ReadOnlySpan<char> name)
    {
        var hash = 14695981039346656037UL;
        foreach (var c in name)
        {
            hash = (hash ^ c) * 1099511628211UL;
        }

        return hash;
    }

    public void AddLockFact(LockFact fact)
    {
        if (_function >= 0)
        {
            _lockFacts.Add(fact);
        }
    }

    public void EndFunction(bool releasesCallersLock)
    {
        if (_function >= 0)
        {
            Functions[_function] = Functions[_function] with
            {
                CallEnd = Calls.Count, ReleasesCallersLock = releasesCallersLock, LockFacts = _lockFacts.Count == 0 ? null : [.. _lockFacts],
            };
        }

        _lockFacts.Clear();
        _function = -1;
    }

    /// <summary>
    /// Puts functions (with their calls), registrations and slots in file and line order. A parallel scan hands files
    /// to workers in no fixed order; the solver keeps the first witness it meets, so the same tree must give the same
    /// order, and the same index.
    /// </summary>
    public void Canonicalize()
    {
        // Sorted by (rank of the path, line) as one number; the rare ties (two definitions on one line) by name.
        var pathOrder = Enumerable.Range(0, Paths.Count).ToArray();
        Array.Sort(pathOrder, (a, b) => string.CompareOrdinal(Paths[a], Paths[b]));
        var rank = new int[Paths.Count];
        for (var k = 0; k < pathOrder.Length; k++)
        {
            rank[pathOrder[k]] = k;
        }

        var order = Enumerable.Range(0, Functions.Count).ToArray();
        var keys = order.Select(f => ((long)rank[Functions[f].Path] << 32) | (uint)Functions[f].Line).ToArray();
        Array.Sort(keys, order);
        for (var start = 0; start < order.Length;)
        {
            var end = start + 1;
            while (end < order.Length && keys[end] == keys[start])
            {
                end++;
            }

            if (end - start > 1)
            {
                Array.Sort(order, start, end - start, Comparer<int>.Create((a, b) => string.CompareOrdinal(Names[Functions[a].Name], Names[Functions[b].Name])));
            }

            start = end;
        }

        var newId = new int[order.Length];
        for (var k = 0; k < order.Length; k++)
        {
            newId[order[k]] = k;
        }

        var functions = new List<FunctionNode>(Functions.Count);
        var calls = new List<CallEdge>(Calls.Count);
        foreach (var f in order)
        {
            var node = Functions[f];
            var start = calls.Count;
            for (var c = node.CallStart; c < node.CallEnd; c++)
            {
                calls.Add(Calls[c] with { Caller = functions.Count });
            }

            functions.Add(node with { CallStart = start, CallEnd = calls.Count });
        }

        Functions.Clear();
        Functions.AddRange(functions);
        Calls.Clear();
        Calls.AddRange(calls);
        Registrations.Sort((a, b) => Compare(Paths[a.Path], Paths[b.Path], a.Line, b.Line, Names[a.Callback], Names[b.Callback]));
        Slots.Sort((a, b) => Compare(Paths[a.Path], Paths[b.Path], a.Line, b.Line, Names[a.Function], Names[b.Function]));
        DocumentedRcuNeeds.Sort((a, b) => Compare(Paths[a.Path], Paths[b.Path], a.Line, b.Line, Names[a.Function], Names[b.Function]));
    }

    private static int Compare(string pathA, string pathB, int lineA, int lineB, string nameA, string nameB)
    {
        var byPath = string.CompareOrdinal(pathA, pathB);
        return byPath != 0 ? byPath : lineA != lineB ? lineA.CompareTo(lineB) : string.CompareOrdinal(nameA, nameB);
    }

    /// <summary>Takes in another worker's graph, renumbering its names and paths.</summary>
    public void MergeFrom(CallGraphBuilder other)
    {
        ArgumentNullException.ThrowIfNull(other);
        var names = new int[other.Names.Count];
        for (var k = 0; k < names.Length; k++)
        {
            names[k] = Intern(other.Names[k]);
        }

        var pathBase = Paths.Count;
        Paths.AddRange(other.Paths);
        var functionBase = Functions.Count;
        var callBase = Calls.Count;
        foreach (var f in other.Functions)
        {
            Functions.Add(f with { Name = names[f.Name], Path = f.Path + pathBase, CallStart = f.CallStart + callBase, CallEnd = f.CallEnd + callBase });
        }

        foreach (var c in other.Calls)
        {
            Calls.Add(c with { Caller = c.Caller + functionBase, Callee = names[c.Callee], Cause = c.Cause < 0 ? -1 : names[c.Cause] });
        }

        foreach (var r in other.Registrations)
        {
            Registrations.Add((names[r.Callback], r.Path + pathBase, r.How, r.Line));
        }

        foreach (var s in other.Slots)
        {
            Slots.Add((names[s.Struct], names[s.Field], names[s.Function], s.Path + pathBase, s.Line));
        }

        foreach (var v in other.Values)
        {
            Values.Add((v.Name, v.Path + pathBase));
        }

        foreach (var d in other.DocumentedRcuNeeds)
        {
            DocumentedRcuNeeds.Add((names[d.Function], d.Path + pathBase, d.Line, d.Sentence));
        }
    }
}

/// <summary>A function definition: its name and file (ids), whether only its file can call it, and its calls [CallStart, CallEnd).</summary>
internal readonly record struct FunctionNode(int Name, int Path, int Line, bool FileLocal, int CallStart)
{
    public int CallEnd { get; init; } = CallStart;

    public bool ReleasesCallersLock { get; init; }

    /// <summary>
    /// A static inline function of a driver's own header (not include/): only its directory's files include it, and
    /// another driver may have a function of the same name (mt7601u's mt76_wr() beside mt76's mt76_wr() macro).
    /// </summary>
    public bool DirectoryLocal { get; init; }

    /// <summary>Marked __init: boot and module-load code, which runs with interrupts off early in boot yet may sleep.</summary>
    public bool IsInit { get; init; }

    /// <summary>What the body does with locks its callers can name (most functions: none).</summary>
    public LockFact[]? LockFacts { get; init; }
}

/// <summary>One call: caller (function id), callee (name id), where it stands, and what makes it atomic (name id of the acquisition, or -1).</summary>
internal readonly record struct CallEdge(int Caller, int Callee, int Line, CallPosition Position, int Cause, int CauseLine);
