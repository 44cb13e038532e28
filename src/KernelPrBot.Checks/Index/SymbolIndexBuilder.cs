using System.Runtime.InteropServices;

namespace KernelPrBot.Checks.Index;

/// <summary>
/// Collects names, kinds and arities (and header paths) before they are written as a <see cref="SymbolIndex"/>.
/// Not thread-safe: a parallel scan gives each worker its own builder and merges them with <see cref="MergeFrom"/>.
/// </summary>
public sealed class SymbolIndexBuilder : ISymbolSink
{
    private readonly Dictionary<string, Entry> _symbols = new(StringComparer.Ordinal);
    private readonly HashSet<string> _headers = new(StringComparer.Ordinal);

    public int SymbolCount => _symbols.Count;

    public int HeaderCount => _headers.Count;

    public void Add(ReadOnlySpan<char> name, SymbolKinds kinds, Arity? arity, int line)
    {
        var lookup = _symbols.GetAlternateLookup<ReadOnlySpan<char>>();
        ref var entry = ref CollectionsMarshal.GetValueRefOrAddDefault(lookup, name, out _);
        entry.Add(kinds, arity);
    }

    public void AddHeader(string relativePath) => _headers.Add(relativePath);

    /// <summary>Adds the names <see cref="SymbolScanner"/> finds in one C source.</summary>
    public void AddSource(string text) => SymbolScanner.Scan(text, this);

    public void MergeFrom(SymbolIndexBuilder other)
    {
        foreach (var (name, entry) in other._symbols)
        {
            ref var mine = ref CollectionsMarshal.GetValueRefOrAddDefault(_symbols, name, out _);
            mine.Add(entry.Kinds, null);
            foreach (var a in entry.Arities())
            {
                mine.AddEncoded(a);
            }
        }

        _headers.UnionWith(other._headers);
    }

    /// <summary>Writes the index file format (see <see cref="SymbolIndexFormat"/>).</summary>
    public void Write(Stream stream)
    {
        var names = _symbols.Keys.ToArray();
        Array.Sort(names, StringComparer.Ordinal);
        var records = names.Select(n => (n, _symbols[n].Kinds, (IReadOnlyList<ushort>)_symbols[n].Arities().Order().ToList()));
        var headers = _headers.Order(StringComparer.Ordinal).Select(h => (h, SymbolKinds.None, (IReadOnlyList<ushort>)[]));
        SymbolIndexFormat.Write(stream, names.Length, records, _headers.Count, headers);
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

        /// <summary>Adds kinds and, when given, an arity; arities are kept encoded plus one, so that 0 marks an empty slot.</summary>
        public void Add(SymbolKinds kinds, Arity? arity)
        {
            Kinds |= kinds;
            if (arity is { } a)
            {
                Store((ushort)(a.Encoded + 1));
            }
        }

        public void AddEncoded(ushort encoded) => Store((ushort)(encoded + 1));

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
