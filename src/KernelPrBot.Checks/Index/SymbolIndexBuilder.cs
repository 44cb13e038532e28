using System.Runtime.InteropServices;
using KernelPrBot.Checks.Index.Summaries;

namespace KernelPrBot.Checks.Index;

/// <summary>
/// Collects names, kinds and arities (and header paths) before they are written as a <see cref="SymbolIndex"/>.
/// Not thread-safe: a parallel scan gives each worker its own builder and merges them with <see cref="MergeFrom"/>.
/// </summary>
public sealed class SymbolIndexBuilder : ISymbolSink, ISummarySink
{
    private readonly CallGraphBuilder _graph = new();
    private readonly List<DocumentedSlot> _slots = [];
    private readonly List<(string Directory, string Header)> _quotedIncludes = [];
    private string _path = string.Empty;
    private bool _inKernel = true; // false while a tools/ file is scanned: not summarised, its names not the kernel's
    private Task<(List<string> Facts, TimeSpan Time)>? _solving;

    private readonly Dictionary<string, Entry> _symbols = new(StringComparer.Ordinal);
    private readonly HashSet<string> _headers = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<MacroGenerator>> _generators = new(StringComparer.Ordinal);
    private readonly List<MacroInvocation> _invocations = [];

    public int SymbolCount => _symbols.Count;

    public int HeaderCount => _headers.Count;

    public void Add(ReadOnlySpan<char> name, SymbolKinds kinds, Arity? arity, int line)
    {
        var lookup = _symbols.GetAlternateLookup<ReadOnlySpan<char>>();
        ref var entry = ref CollectionsMarshal.GetValueRefOrAddDefault(lookup, name, out _);
        entry.Add(kinds, arity, _inKernel);
    }

    public void AddHeader(string relativePath) => _headers.Add(relativePath);

    public void AddGenerator(MacroGenerator generator)
    {
        if (!_generators.TryGetValue(generator.Name, out var list))
        {
            _generators[generator.Name] = list = [];
        }

        list.Add(generator.Source is null ? generator with { Source = _path } : generator);
    }

    public void AddInvocation(MacroInvocation invocation) => _invocations.Add(invocation with { Source = _path });

    /// <summary>
    /// Adds the names <see cref="SymbolScanner"/> finds in one C source. Lines that only define a macro as a
    /// number (<c>#define mmREG_BASE_IDX 0x1a2b</c>) are blanked first: the index leaves such macros out, and
    /// register headers made of them are a third of a kernel tree's bytes.
    /// </summary>
    public void AddSource(string text) => AddSource(text, "<source>.c");

    /// <summary>Adds one file of a tree; <paramref name="relativePath"/> keys its static functions' summaries.</summary>
    public void AddSource(string text, string relativePath) => AddStrippedSource(WithoutConstantDefines(text), relativePath, text);

    /// <summary>
    /// Adds one file whose constant-only <c>#define</c> lines are already emptied (<see cref="StripConstantDefines"/>);
    /// <paramref name="original"/> is the file as read, whose kernel-doc is read for callback slots (a <c>#define</c> line
    /// ends the comment above a member), needed for headers of include/ only.
    /// </summary>
    internal void AddStrippedSource(string text, string relativePath, string? original)
    {
        _graph.BeginFile(relativePath);
        _path = relativePath;

        // tools/ is userspace (perf, bpftool, selftests): its functions are no callers or callees of the kernel's.
        _inKernel = !relativePath.StartsWith("tools/", StringComparison.Ordinal);
        SymbolScanner.Scan(text, this);
        _inKernel = true; // names added outside a file (generated, mach-types) are the kernel's
        // The core headers' kernel-doc only: a driver's own header may describe its ops loosely ("called from atomic
        // context" of a hook its framework calls from a workqueue).
        if (IsCoreHeader(relativePath) && original is not null && DocumentedSlots.MayDocumentSlots(original))
        {
            _slots.AddRange(DocumentedSlots.FromHeader(original, relativePath));
        }

        if (_inKernel && DocumentedRcuNeeds.MayDocument(original ?? text))
        {
            foreach (var (function, line, sentence) in DocumentedRcuNeeds.FromSource(original ?? text))
            {
                _graph.AddDocumentedRcuNeed(function, relativePath, line, sentence);
            }
        }
    }

    /// <summary>A header under include/, whose kernel-doc may document callback slots.</summary>
    internal static bool IsCoreHeader(string relativePath) =>
        relativePath.StartsWith("include/", StringComparison.Ordinal) && relativePath.EndsWith(".h", StringComparison.Ordinal);

    /// <summary>Callback slots the documentation calls atomic (beyond the headers' kernel-doc, which AddSource reads).</summary>
    public void AddDocumentedSlots(IEnumerable<DocumentedSlot> slots) => _slots.AddRange(slots);

    /// <summary>What the last <see cref="Write"/> summarised, and how long solving the call graph took.</summary>
    public SummaryStatistics? Summary { get; private set; }

    /// <summary>Whether the file's function bodies are summarised (see <see cref="AddSource(string, string)"/>).</summary>
    bool ISummarySink.WantsBodies => _inKernel;

    string ISummarySink.CurrentPath => _path;

    void ISummarySink.BeginFunction(ReadOnlySpan<char> name, bool isStatic, bool isInit, int line) => _graph.BeginFunction(name, isStatic, isInit, line);

    void ISummarySink.AddCall(ReadOnlySpan<char> callee, int line, CallPosition position, ReadOnlySpan<char> cause, int causeLine) =>
        _graph.AddCall(callee, line, position, cause, causeLine);

    void ISummarySink.AddRegistration(ReadOnlySpan<char> callback, string how, int line) => _graph.AddRegistration(callback, how, line);

    void ISummarySink.AddSlotAssignment(ReadOnlySpan<char> structType, ReadOnlySpan<char> field, ReadOnlySpan<char> callback, int line) =>
        _graph.AddSlotAssignment(structType, field, callback, line);

    void ISummarySink.AddValueReference(ReadOnlySpan<char> name) => _graph.AddValueReference(name);

    void ISummarySink.EndFunction(bool releasesCallersLock) => _graph.EndFunction(releasesCallersLock);

    void ISummarySink.AddLockFact(LockFact fact) => _graph.AddLockFact(fact);

    void ISummarySink.AddInclude(ReadOnlySpan<char> name)
    {
        // Only names that could be generated: a header of the same name anywhere in the tree is taken to be it.
        if (name.EndsWith(".h") && !name.Contains('<'))
        {
            var slash = _path.LastIndexOf('/');
            _quotedIncludes.Add((slash < 0 ? string.Empty : _path[..slash], name.ToString()));
        }
    }

    /// <summary>
    /// Directories with a file that includes a header the tree does not have (the build generates it: msm's
    /// <c>hdmi.xml.h</c> from the register XML). Names from it cannot be in the index.
    /// </summary>
    private IEnumerable<string> GeneratedIncludeFacts()
    {
        var tails = new HashSet<string>(StringComparer.Ordinal);
        foreach (var header in _headers)
        {
            tails.Add(header);
            for (var at = header.IndexOf('/', StringComparison.Ordinal); at >= 0; at = header.IndexOf('/', at + 1))
            {
                tails.Add(header[(at + 1)..]);
            }
        }

        return _quotedIncludes
            .Where(i => !tails.Contains(i.Header.TrimStart('.', '/')) && !tails.Contains(i.Directory + "/" + i.Header))
            .GroupBy(i => i.Directory, StringComparer.Ordinal)
            .Select(g => FunctionFacts.Record(FunctionFacts.GeneratedIncludeKey(g.Key), FunctionFacts.GeneratedIncludeKind, g.Select(i => i.Header).Min(StringComparer.Ordinal)!));
    }

    /// <summary>The text with each line of the form <c>#define NAME NUMBER</c> emptied (line breaks kept), or the text itself.</summary>
    internal static string WithoutConstantDefines(string text) => StripConstantDefines(text.AsMemory()) ?? text;

    /// <summary>
    /// The text with its constant-only <c>#define</c> lines emptied (their newline stays, so line numbers do not move),
    /// made in one copy; null when it has none. The tree indexer calls it on its read buffer, so that one string is
    /// made per file.
    /// </summary>
    internal static string? StripConstantDefines(ReadOnlyMemory<char> text)
    {
        var removed = ConstantDefines(text.Span);
        if (removed is null)
        {
            return null;
        }

        var length = text.Length;
        foreach (var (start, end) in removed)
        {
            length -= end - start;
        }

        return string.Create(length, (text, removed), static (destination, state) =>
        {
            var source = state.text.Span;
            var copied = 0;
            var written = 0;
            foreach (var (start, end) in state.removed)
            {
                source[copied..start].CopyTo(destination[written..]);
                written += start - copied;
                copied = end;
            }

            source[copied..].CopyTo(destination[written..]);
        });
    }

    /// <summary>The ranges of the constant-only <c>#define</c> lines (without their newline), or null when there are none.</summary>
    private static List<(int Start, int End)>? ConstantDefines(ReadOnlySpan<char> text)
    {
        // Only lines whose first non-blank character is '#' can go: jump from '#' to '#', not from line to line.
        List<(int Start, int End)>? removed = null;
        var search = 0;
        while (search < text.Length)
        {
            var hash = text[search..].IndexOf('#');
            if (hash < 0)
            {
                break;
            }

            hash += search;
            var lineStart = text[..hash].LastIndexOf('\n') + 1;
            var newline = text[hash..].IndexOf('\n');
            var end = newline < 0 ? text.Length : hash + newline;
            if (text[lineStart..hash].IndexOfAnyExcept(' ', '\t') < 0 && IsConstantDefine(text[lineStart..end]))
            {
                (removed ??= []).Add((lineStart, end));
            }

            search = end + 1;
        }

        return removed;
    }

    private static int SkipBlanks(ReadOnlySpan<char> text, int at, int end)
    {
        while (at < end && text[at] is ' ' or '\t')
        {
            at++;
        }

        return at;
    }

    private static bool IsConstantDefine(ReadOnlySpan<char> line)
    {
        // Hand-rolled trims: this runs on every preprocessor line of the tree.
        var end = line.Length;
        while (end > 0 && line[end - 1] is '\r' or ' ' or '\t')
        {
            end--;
        }

        var at = SkipBlanks(line, 0, end);
        if (end - at < 10 || line[at] != '#')
        {
            return false;
        }

        at = SkipBlanks(line, at + 1, end);
        if (end - at < 8 || !line[at..].StartsWith("define") || line[at + 6] is not (' ' or '\t'))
        {
            return false;
        }

        line = line[SkipBlanks(line, at + 7, end)..end];
        var name = 0;
        while (name < line.Length && Source.CLexer.IsIdentPart(line[name]))
        {
            name++;
        }

        if (name == 0 || name >= line.Length || line[name] is not (' ' or '\t'))
        {
            return false;
        }

        var value = line[SkipBlanks(line, name, line.Length)..];
        if (value.Length == 0 || !(char.IsAsciiDigit(value[0]) || value[0] == '('))
        {
            return false;
        }

        // Number literals (each run of letters and digits starts with a digit), parentheses and spaces only.
        for (var k = 0; k < value.Length; k++)
        {
            var c = value[k];
            if (c is '(' or ')' or ' ')
            {
                continue;
            }

            if (!char.IsAsciiLetterOrDigit(c) || (!char.IsAsciiDigit(c) && (k == 0 || !char.IsAsciiLetterOrDigit(value[k - 1]))))
            {
                return false;
            }

            if (!(char.IsAsciiHexDigit(c) || c is 'x' or 'X' or 'u' or 'U' or 'l' or 'L'))
            {
                return false;
            }
        }

        return true;
    }

    public void MergeFrom(SymbolIndexBuilder other)
    {
        MergeGraphFrom(other);
        MergeNamesFrom(other);
    }

    /// <summary>Takes in another worker's call graph and documented slots (everything the summaries are solved from).</summary>
    public void MergeGraphFrom(SymbolIndexBuilder other)
    {
        ArgumentNullException.ThrowIfNull(other);
        _graph.MergeFrom(other._graph);
        _slots.AddRange(other._slots);
    }

    /// <summary>Takes in another worker's names, headers, generators and includes.</summary>
    public void MergeNamesFrom(SymbolIndexBuilder other)
    {
        ArgumentNullException.ThrowIfNull(other);
        foreach (var (name, entry) in other._symbols)
        {
            ref var mine = ref CollectionsMarshal.GetValueRefOrAddDefault(_symbols, name, out _);
            mine.MergeFrom(entry);
        }

        _headers.UnionWith(other._headers);
        foreach (var list in other._generators.Values)
        {
            foreach (var g in list)
            {
                AddGenerator(g);
            }
        }

        _invocations.AddRange(other._invocations);
        _quotedIncludes.AddRange(other._quotedIncludes);
    }

    /// <summary>
    /// Starts solving the call graph on another core; call once every graph is merged and every slot added. The names
    /// can go on being merged meanwhile: <see cref="Write"/> waits for the result.
    /// </summary>
    public void BeginSolving() => _solving ??= Task.Run(() =>
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        return (Facts: CallGraphSolver.Solve(_graph, _slots), Time: clock.Elapsed);
    });

    /// <summary>
    /// Adds the names that top-level invocations of generator macros define (<c>__MAKE_OP(16)</c> defines
    /// <c>le16_get_bits</c>; a wrapper of <c>DEFINE_EVENT()</c> defines <c>trace_</c> names), following
    /// generators that invoke other generators. Their arities are not known.
    /// </summary>
    public void ResolveGenerators()
    {
        var seen = new HashSet<ulong>();
        foreach (var invocation in _invocations)
        {
            if (!_generators.ContainsKey(invocation.Macro) && !invocation.Macro.Contains("EVENT", StringComparison.Ordinal) && !invocation.Macro.StartsWith("DECLARE_TRACE", StringComparison.Ordinal))
            {
                continue;
            }

            var arguments = invocation.Arguments.Select(a => a is not null && a.IsLiteral ? a.Instantiate([]) : null).ToList();
            Expand(invocation.Macro, arguments, 0, seen, invocation.Source);
        }

        _invocations.Clear();
    }

    /// <summary>
    /// A 64-bit FNV-1a of the macro and its arguments joined by NUL, as the set of expansions done: hundreds of thousands
    /// of them, so no key string is made.
    /// </summary>
    private static ulong ExpansionKey(string macro, List<string?> arguments)
    {
        var hash = Summaries.CallGraphBuilder.NameHash(macro);
        foreach (var argument in arguments)
        {
            hash *= 1099511628211UL; // a NUL: (hash ^ 0) * prime
            foreach (var c in argument ?? string.Empty)
            {
                hash = (hash ^ c) * 1099511628211UL;
            }
        }

        return hash;
    }

    private void Expand(string macro, List<string?> arguments, int depth, HashSet<ulong> seen, string? source)
    {
        var isTrace = macro.StartsWith("TRACE_EVENT", StringComparison.Ordinal) || macro.StartsWith("DECLARE_TRACE", StringComparison.Ordinal) || macro.StartsWith("DEFINE_EVENT", StringComparison.Ordinal);
        if (depth > 6 || (!isTrace && !_generators.ContainsKey(macro)) || !seen.Add(ExpansionKey(macro, arguments)))
        {
            return; // most top-level invocations (EXPORT_SYMBOL, module_init…) name no generator: no key is made for them
        }

        var traceName = macro.StartsWith("TRACE_EVENT", StringComparison.Ordinal) || macro.StartsWith("DECLARE_TRACE", StringComparison.Ordinal) ? 0
            : macro.StartsWith("DEFINE_EVENT", StringComparison.Ordinal) ? 1
            : -1;
        if (traceName >= 0 && traceName < arguments.Count && arguments[traceName] is { } trace && IsName(trace))
        {
            foreach (var generated in new[] { "trace_" + trace, "trace_" + trace + "_enabled", "register_trace_" + trace, "unregister_trace_" + trace })
            {
                Add(generated, SymbolKinds.Function, null, 0);
            }
        }

        if (!_generators.TryGetValue(macro, out var list))
        {
            return;
        }

        foreach (var generator in list)
        {
            if (macro.Length <= 2 && generator.Source != source)
            {
                continue; // an x-macro entry: the x of the list's own file
            }

            foreach (var template in generator.Names)
            {
                if (template.Instantiate(arguments) is { } name && IsName(name))
                {
                    Add(name, SymbolKinds.Function, null, 0);
                }
            }

            foreach (var inner in generator.Invocations)
            {
                Expand(inner.Macro, inner.Arguments.Select(a => a?.Instantiate(arguments)).ToList(), depth + 1, seen, source);
            }
        }
    }

    private static bool IsName(string name) =>
        name.Length > 0 && !char.IsAsciiDigit(name[0]) && name.All(Source.CLexer.IsIdentPart);

    /// <summary>Writes the index file format (see <see cref="SymbolIndexFormat"/>).</summary>
    public void Write(Stream stream)
    {
        // The call graph is solved on another core while the names are resolved and sorted: neither touches the other's data.
        BeginSolving();
        ResolveGenerators();
        var names = _symbols.Keys.ToArray();
        Array.Sort(names, StringComparer.Ordinal);
        var records = names.Select(n =>
        {
            var entry = _symbols[n];
            return (n, entry.StoredKinds, (IReadOnlyList<ushort>)entry.SortedArities());
        });
        var symbolSection = SymbolIndexFormat.Encode(records, withData: true);
        var headerSection = SymbolIndexFormat.Encode(_headers.Order(StringComparer.Ordinal).Select(h => (h, SymbolKinds.None, (IReadOnlyList<ushort>)[])), withData: false);
        var (facts, solveTime) = _solving!.GetAwaiter().GetResult();
        facts.AddRange(GeneratedIncludeFacts());
        facts.Sort(StringComparer.Ordinal);
        var kinds = facts.Select(f => f.IndexOf(FunctionFacts.Separator, StringComparison.Ordinal) is >= 0 and var at && at + 1 < f.Length ? f[at + 1] : '?')
            .GroupBy(k => k).ToDictionary(g => g.Key, g => g.Count());
        Summary = new SummaryStatistics(
            _graph.FunctionCount, _graph.CallCount, _graph.Values.Count,
            kinds.GetValueOrDefault(FunctionFacts.MaySleepKind), kinds.GetValueOrDefault(FunctionFacts.AtomicEntryKind),
            kinds.GetValueOrDefault(FunctionFacts.DocumentedSlotKind), solveTime);
        var factSection = SymbolIndexFormat.Encode(facts.Select(f => (f, SymbolKinds.None, (IReadOnlyList<ushort>)[])), withData: false);
        SymbolIndexFormat.Write(stream, names.Length, symbolSection, _headers.Count, headerSection, factSection);
    }

    public SymbolIndex Build()
    {
        using var stream = new MemoryStream();
        Write(stream);
        return SymbolIndex.Load(stream.ToArray());
    }

    private struct Entry
    {
        private ushort _a0;
        private ushort _a1;
        private ushort _a2;
        private List<ushort>? _more;

        public SymbolKinds Kinds { get; private set; }

        /// <summary>Seen in some file outside tools/ (or added outside any file).</summary>
        public bool InKernel { get; private set; }

        /// <summary>The kinds as written: a name seen only under tools/ is marked so.</summary>
        public readonly SymbolKinds StoredKinds => InKernel ? Kinds : Kinds | SymbolKinds.UserspaceOnly;

        /// <summary>Adds kinds and, when given, an arity; arities are kept encoded plus one, so that 0 marks an empty slot.</summary>
        public void Add(SymbolKinds kinds, Arity? arity, bool inKernel)
        {
            Kinds |= kinds;
            InKernel |= inKernel;
            if (arity is { } a)
            {
                Store((ushort)(a.Encoded + 1));
            }
        }

        /// <summary>Takes in another worker's entry of the same name (no enumerator: a tree has a million names).</summary>
        public void MergeFrom(in Entry other)
        {
            Kinds |= other.Kinds;
            InKernel |= other.InKernel;
            foreach (var slot in (ReadOnlySpan<ushort>)[other._a0, other._a1, other._a2])
            {
                if (slot != 0)
                {
                    Store(slot);
                }
            }

            if (other._more is { } more)
            {
                foreach (var slot in more)
                {
                    Store(slot);
                }
            }
        }

        private void Store(ushort slot)
        {
            if (_a0 == slot || _a1 == slot || _a2 == slot || (_more?.Contains(slot) ?? false))
            {
                return;
            }

            if (_a0 == 0)
            {
                _a0 = slot;
            }
            else if (_a1 == 0)
            {
                _a1 = slot;
            }
            else if (_a2 == 0)
            {
                _a2 = slot;
            }
            else
            {
                (_more ??= []).Add(slot);
            }
        }

        /// <summary>The arities in ascending order, as the index stores them (most names have none, or one).</summary>
        public readonly ushort[] SortedArities()
        {
            if (_a0 == 0)
            {
                return [];
            }

            if (_a1 == 0)
            {
                return [(ushort)(_a0 - 1)];
            }

            var all = Arities().ToArray();
            Array.Sort(all);
            return all;
        }

        public readonly IEnumerable<ushort> Arities()
        {
            foreach (var s in new[] { _a0, _a1, _a2 }.Concat(_more ?? []))
            {
                if (s != 0)
                {
                    yield return (ushort)(s - 1);
                }
            }
        }
    }
}
