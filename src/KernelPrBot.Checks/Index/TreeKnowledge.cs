using System.Globalization;
using KernelPrBot.Checks.Index.Summaries;

namespace KernelPrBot.Checks.Index;

/// <summary>
/// The whole-tree summaries of a <see cref="SymbolIndex"/>, read for one file of a patch: which callees may sleep
/// (with their chain of witnesses), which functions run in atomic context, which ops-table slots are atomic. A
/// name is looked up as the file's own static function first, then as the tree's.
/// </summary>
public sealed class TreeKnowledge(SymbolIndex index)
{
    private const int MaxChain = 12;
    private readonly Dictionary<string, IReadOnlyList<string>> _cache = new(StringComparer.Ordinal);

    public SymbolIndex Index { get; } = index ?? throw new ArgumentNullException(nameof(index));

    /// <summary>How a call of <paramref name="name"/> from <paramref name="path"/> may sleep, first step first; null when it is not known to.</summary>
    public IReadOnlyList<SleepStep>? MaySleep(string name, string path) => Chain(name, path, FunctionFacts.MaySleepKind);

    /// <summary>How a call of <paramref name="name"/> from <paramref name="path"/> reads RCU-protected data with no read section of its own, first step first (the last calls the accessor); null when it does not.</summary>
    public IReadOnlyList<SleepStep>? NeedsRcu(string name, string path) => Chain(name, path, FunctionFacts.NeedsRcuKind);

    /// <summary>The lock facts (acquire and release wrapper, lock taken on every path, lock required) of the function a call of <paramref name="name"/> from <paramref name="path"/> reaches.</summary>
    public IReadOnlyList<LockFact> LockFacts(string name, string path)
    {
        // The nearest definition the file can see that has facts, as for MaySleep.
        foreach (var key in FunctionFacts.KeysFor(name, path))
        {
            var found = new List<LockFact>();
            foreach (var record in Records(key))
            {
                var (_, kind, fields) = FunctionFacts.Parse(record);
                if (kind is LockFact.Acquires or LockFact.Releases or LockFact.Takes or LockFact.Requires && fields.Length >= 4)
                {
                    found.Add(new LockFact(kind, fields[0], fields[1], ParseLine(fields[2]), fields[3], fields.Length > 4 ? fields[4] : string.Empty));
                }
            }

            if (found.Count > 0)
            {
                return found;
            }
        }

        return [];
    }

    /// <summary>A chain of S or R records from the nearest definition of <paramref name="name"/>.</summary>
    private List<SleepStep>? Chain(string name, string path, char kind)
    {
        // The nearest definition the file can see: its own static one, a driver header's, else the tree's.
        var key = FunctionFacts.KeysFor(name, path).FirstOrDefault(k => Records(k).Any(r => FunctionFacts.Parse(r).Kind == kind));
        var chain = new List<SleepStep>();
        var function = name;
        for (var depth = 0; depth < MaxChain && key is not null; depth++)
        {
            // S and R record fields: callee, callee key, line[, path of a function that is not static to a .c file].
            var fields = Records(key).Select(FunctionFacts.Parse).Where(r => r.Kind == kind && r.Fields.Length >= 3).Select(r => r.Fields).FirstOrDefault();
            if (fields is null)
            {
                break;
            }

            var at = key.IndexOf('@', StringComparison.Ordinal);
            var file = at >= 0 && !key.EndsWith('/') ? key[(at + 1)..] : fields.Length > 3 ? fields[3] : string.Empty;
            var callee = fields[0];
            chain.Add(new SleepStep(function, callee, file, ParseLine(fields[2])));
            key = FunctionFacts.ExpandCalleeKey(callee, fields[1], file);
            function = callee;
        }

        return chain.Count == 0 ? null : chain;
    }

    /// <summary>Whether the function (static to <paramref name="path"/>, or global) runs in atomic context, and why.</summary>
    public AtomicEntryFact? AtomicEntry(string name, string path, bool isStatic)
    {
        var key = FunctionFacts.DefinitionKey(name, path, isStatic);
        foreach (var record in Records(key))
        {
            var (_, kind, fields) = FunctionFacts.Parse(record);
            if (kind == FunctionFacts.AtomicEntryKind && fields.Length >= 3)
            {
                return new AtomicEntryFact(fields[0], fields[1], ParseLine(fields[2]));
            }
        }

        return null;
    }

    /// <summary>A caller that calls the function (which does not sleep in the tree) under a spinlock or other atomic section, or null.</summary>
    public LockedCaller? LockedCallerOf(string name, string path, bool isStatic)
    {
        foreach (var record in Records(FunctionFacts.DefinitionKey(name, path, isStatic)))
        {
            var (_, kind, fields) = FunctionFacts.Parse(record);
            if (kind == FunctionFacts.LockedCallerKind && fields.Length >= 4)
            {
                return new LockedCaller(fields[0], fields[1], fields[2], ParseLine(fields[3]));
            }
        }

        return null;
    }

    /// <summary>How a callback running in interrupt context takes the lock class, or null.</summary>
    public IrqUse? IrqUse(string lockClass)
    {
        foreach (var record in Records(FunctionFacts.IrqUseKey(lockClass)))
        {
            var (_, kind, fields) = FunctionFacts.Parse(record);
            if (kind == FunctionFacts.IrqUseKind && fields.Length >= 6)
            {
                return new IrqUse(fields[0], fields[1], fields[2], fields[3], ParseLine(fields[4]), fields[5]);
            }
        }

        return null;
    }

    /// <summary>The documented atomic slot <c>structType.field</c>, or null.</summary>
    public DocumentedSlot? Slot(string structType, string field)
    {
        foreach (var record in Records(FunctionFacts.SlotKey(structType, field)))
        {
            var (_, kind, fields) = FunctionFacts.Parse(record);
            if (kind == FunctionFacts.DocumentedSlotKind && fields.Length >= 3)
            {
                return new DocumentedSlot(fields.Length > 3 ? fields[3] : structType, field, fields[0], fields[1], ParseLine(fields[2]));
            }
        }

        return null;
    }

    /// <summary>The generated header (not in the tree) that a file of <paramref name="directory"/> includes, or null.</summary>
    public string? GeneratedInclude(string directory)
    {
        foreach (var record in Records(FunctionFacts.GeneratedIncludeKey(directory)))
        {
            var (_, kind, fields) = FunctionFacts.Parse(record);
            if (kind == FunctionFacts.GeneratedIncludeKind && fields.Length >= 1)
            {
                return fields[0];
            }
        }

        return null;
    }

    private static int ParseLine(string text) => int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var line) ? line : 0;

    private IReadOnlyList<string> Records(string key)
    {
        lock (_cache)
        {
            if (!_cache.TryGetValue(key, out var records))
            {
                _cache[key] = records = Index.FactsStartingWith(key + FunctionFacts.Separator);
            }

            return records;
        }
    }
}
