using System.Text;
using KernelPrBot.Checks.Index.Summaries;

namespace KernelPrBot.Checks.Index;

/// <summary>
/// A loaded symbol index: the file's bytes kept as they are (see <see cref="SymbolIndexFormat"/>), searched in
/// place. Loading checks the header and checksum and the block tables; nothing is decoded until asked for.
/// Immutable and safe to share between threads.
/// </summary>
public sealed class SymbolIndex : IDisposable
{
    private readonly IndexMemory _memory;
    private readonly Section _symbols;
    private readonly Section _headerPaths;
    private readonly Section _facts;
    private HashSet<string>? _headers;
    private HashSet<string>? _includable;
    private HashSet<string>? _tails;

    private SymbolIndex(IndexMemory memory, Section symbols, Section headers, Section facts, int symbolCount, int headerCount)
    {
        _memory = memory;
        _symbols = symbols;
        _headerPaths = headers;
        _facts = facts;
        SymbolCount = symbolCount;
        HeaderCount = headerCount;
    }

    public int SymbolCount { get; }

    public int HeaderCount { get; }

    /// <summary>The size of the index in bytes.</summary>
    public long Size => _memory.Length;

    private ReadOnlySpan<byte> Data => _memory.Span;

    /// <summary>Releases the file mapping of an index loaded from a file; the index cannot be used afterwards.</summary>
    public void Dispose() => _memory.Dispose();

    /// <summary>Maps the index file read-only and checks it (header, checksum, block tables).</summary>
    public static SymbolIndex Load(string path)
    {
        IndexMemory memory;
        try
        {
            memory = IndexMemory.Map(path);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new IndexFormatException($"{path}: no such index file");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new IndexFormatException($"{path}: cannot read the index ({ex.Message})");
        }

        try
        {
            return Load(memory);
        }
        catch (IndexFormatException ex)
        {
            memory.Dispose();
            throw new IndexFormatException($"{path}: {ex.Message}");
        }
    }

    public static SymbolIndex Load(byte[] data)
    {
        ArgumentNullException.ThrowIfNull(data);
        return Load(new IndexMemory(data));
    }

    private static SymbolIndex Load(IndexMemory memory)
    {
        var span = memory.Span;
        if (span.Length < SymbolIndexFormat.Magic.Length || !span[..SymbolIndexFormat.Magic.Length].SequenceEqual(SymbolIndexFormat.Magic))
        {
            throw new IndexFormatException("not a kernel-pr-bot symbol index (wrong magic)");
        }

        if (span.Length < SymbolIndexFormat.HeaderSize)
        {
            throw new IndexFormatException("the index is truncated (incomplete header)");
        }

        var version = SymbolIndexFormat.ReadUInt32(span, 8);
        if (version != SymbolIndexFormat.Version)
        {
            throw new IndexFormatException(
                $"the index has format version {version}, this kernel-pr-bot reads version {SymbolIndexFormat.Version}; rebuild it with 'kernel-pr-bot index'");
        }

        var symbolCount = SymbolIndexFormat.ReadUInt32(span, 12);
        var symbolBlocks = SymbolIndexFormat.ReadUInt32(span, 16);
        var headerCount = SymbolIndexFormat.ReadUInt32(span, 20);
        var headerBlocks = SymbolIndexFormat.ReadUInt32(span, 24);
        var factCount = SymbolIndexFormat.ReadUInt32(span, 28);
        var payloadLength = SymbolIndexFormat.ReadUInt64(span, 32);
        var checksum = SymbolIndexFormat.ReadUInt64(span, 40);
        var actual = (ulong)(span.Length - SymbolIndexFormat.HeaderSize);
        if (payloadLength > actual)
        {
            throw new IndexFormatException($"the index is truncated ({actual} of {payloadLength} payload bytes)");
        }

        if (payloadLength < actual)
        {
            throw new IndexFormatException($"the index has {actual - payloadLength} bytes after its end");
        }

        var payload = span[SymbolIndexFormat.HeaderSize..];
        if (SymbolIndexFormat.Checksum(payload) != checksum)
        {
            throw new IndexFormatException("the index is damaged (checksum mismatch)");
        }

        if (symbolCount > int.MaxValue || headerCount > int.MaxValue || factCount > int.MaxValue ||
            symbolBlocks != (symbolCount + SymbolIndexFormat.BlockSize - 1) / SymbolIndexFormat.BlockSize ||
            headerBlocks != (headerCount + SymbolIndexFormat.BlockSize - 1) / SymbolIndexFormat.BlockSize)
        {
            throw new IndexFormatException("the index is damaged (counts do not match the block tables)");
        }

        var at = SymbolIndexFormat.HeaderSize;
        var symbols = Section.Read(span, ref at, (int)symbolBlocks, (int)symbolCount);
        var headers = Section.Read(span, ref at, (int)headerBlocks, (int)headerCount);
        var factBlocks = (int)((factCount + SymbolIndexFormat.BlockSize - 1) / SymbolIndexFormat.BlockSize);
        var facts = Section.Read(span, ref at, factBlocks, (int)factCount);
        if (at != span.Length)
        {
            throw new IndexFormatException("the index is damaged (sections do not fill the payload)");
        }

        return new SymbolIndex(memory, symbols, headers, facts, (int)symbolCount, (int)headerCount);
    }

    public bool Contains(string name) => Find(name) is not null;

    /// <summary>The entry for a name, or null.</summary>
    public SymbolInfo? Find(string name)
    {
        Span<byte> query = stackalloc byte[SymbolIndexFormat.MaxNameBytes];
        if (name.Length == 0 || Encoding.UTF8.GetMaxByteCount(name.Length) > query.Length && Encoding.UTF8.GetByteCount(name) > query.Length)
        {
            return null;
        }

        query = query[..Encoding.UTF8.GetBytes(name, query)];
        var buffer = new byte[SymbolIndexFormat.MaxNameBytes];
        var block = _symbols.FindBlock(Data, query, buffer);
        if (block < 0)
        {
            return null;
        }

        var reader = new RecordReader(Data, _symbols, block, buffer);
        while (reader.Next())
        {
            var c = reader.Name.SequenceCompareTo(query);
            if (c == 0)
            {
                return reader.Info(name);
            }

            if (c > 0)
            {
                return null;
            }

            reader.SkipData();
        }

        return null;
    }

    /// <summary>How many summary records the index holds (may-sleep, atomic entry, documented slots).</summary>
    public int FactCount => _facts.Count;

    /// <summary>The summary records whose text starts with <paramref name="prefix"/>, in order (see <see cref="FunctionFacts"/>).</summary>
    public IReadOnlyList<string> FactsStartingWith(string prefix)
    {
        var result = new List<string>();
        var query = Encoding.UTF8.GetBytes(prefix);
        if (query.Length == 0 || query.Length > SymbolIndexFormat.MaxNameBytes || _facts.BlockCount == 0)
        {
            return result;
        }

        var buffer = new byte[SymbolIndexFormat.MaxNameBytes];
        var block = Math.Max(0, _facts.FindBlock(Data, query, buffer, withData: false));
        for (; block < _facts.BlockCount; block++)
        {
            var reader = new RecordReader(Data, _facts, block, buffer, withData: false);
            while (reader.Next())
            {
                var name = reader.Name;
                if (name.StartsWith(query))
                {
                    result.Add(Encoding.UTF8.GetString(name));
                }
                else if (name.SequenceCompareTo(query) > 0)
                {
                    return result;
                }
            }
        }

        return result;
    }

    /// <summary>Every symbol, in name order.</summary>
    public IEnumerable<SymbolInfo> Symbols()
    {
        var buffer = new byte[SymbolIndexFormat.MaxNameBytes];
        for (var block = 0; block < _symbols.BlockCount; block++)
        {
            var list = new List<SymbolInfo>(SymbolIndexFormat.BlockSize);
            var reader = new RecordReader(Data, _symbols, block, buffer);
            while (reader.Next())
            {
                list.Add(reader.Info(Encoding.UTF8.GetString(reader.Name)));
            }

            foreach (var info in list)
            {
                yield return info;
            }
        }
    }

    /// <summary>Every header path (relative to the tree, with '/').</summary>
    public IReadOnlySet<string> Headers => _headers ??= DecodeHeaders();

    public bool HasHeader(string relativePath) => Headers.Contains(relativePath);

    /// <summary>
    /// Whether <c>#include &lt;name&gt;</c> finds a header under an include root: include/, include/uapi/,
    /// arch/*/include/, arch/*/include/uapi/ (and the same under tools/), with asm/ also taken from asm-generic/.
    /// </summary>
    public bool IsIncludable(string name) => (_includable ??= IncludableNames()).Contains(name);

    /// <summary>Whether some header's path ends with <c>/</c> + <paramref name="tail"/> (a directory a Makefile may add with -I).</summary>
    public bool HasHeaderEndingWith(string tail) => (_tails ??= Tails()).Contains(tail);

    /// <summary>Include names near <paramref name="name"/> (edit distance), best first.</summary>
    public IReadOnlyList<string> SuggestHeader(string name, int max = 3)
    {
        var query = Encoding.UTF8.GetBytes(name);
        var scratch = new int[3 * (SymbolIndexFormat.MaxNameBytes + 2)];
        var limit = Math.Max(1, Math.Min(3, query.Length / 5));
        return (_includable ??= IncludableNames())
            .Select(h => (Name: h, Bytes: Encoding.UTF8.GetBytes(h)))
            .Where(h => Math.Abs(h.Bytes.Length - query.Length) <= limit && h.Bytes.Length < SymbolIndexFormat.MaxNameBytes)
            .Select(h => (h.Name, Distance: BoundedDistance(h.Bytes, query, limit, scratch)))
            .Where(h => h.Distance <= limit)
            .OrderBy(h => h.Distance)
            .ThenBy(h => h.Name, StringComparer.Ordinal)
            .Take(max)
            .Select(h => h.Name)
            .ToList();
    }

    private HashSet<string> IncludableNames()
    {
        var result = new HashSet<string>(StringComparer.Ordinal);
        foreach (var path in Headers)
        {
            var rest = path.StartsWith("tools/", StringComparison.Ordinal) ? path["tools/".Length..] : path;
            string? name = null;
            if (rest.StartsWith("include/", StringComparison.Ordinal))
            {
                name = rest["include/".Length..];
            }
            else if (rest.StartsWith("arch/", StringComparison.Ordinal))
            {
                var at = rest.IndexOf("/include/", "arch/".Length, StringComparison.Ordinal);
                if (at > 0 && rest.IndexOf('/', "arch/".Length) == at)
                {
                    name = rest[(at + "/include/".Length)..];
                }
            }

            if (name is null)
            {
                continue;
            }

            result.Add(name);
            if (name.StartsWith("uapi/", StringComparison.Ordinal))
            {
                result.Add(name["uapi/".Length..]);
            }

            if (name.StartsWith("asm-generic/", StringComparison.Ordinal))
            {
                result.Add("asm/" + name["asm-generic/".Length..]);
            }
        }

        return result;
    }

    private HashSet<string> Tails()
    {
        var result = new HashSet<string>(StringComparer.Ordinal);
        foreach (var path in Headers)
        {
            for (var at = path.IndexOf('/', StringComparison.Ordinal); at >= 0; at = path.IndexOf('/', at + 1))
            {
                result.Add(path[(at + 1)..]);
            }
        }

        return result;
    }

    private HashSet<string> DecodeHeaders()
    {
        var set = new HashSet<string>(HeaderCount, StringComparer.Ordinal);
        var buffer = new byte[SymbolIndexFormat.MaxNameBytes];
        for (var block = 0; block < _headerPaths.BlockCount; block++)
        {
            var reader = new RecordReader(Data, _headerPaths, block, buffer, withData: false);
            while (reader.Next())
            {
                set.Add(Encoding.UTF8.GetString(reader.Name));
            }
        }

        return set;
    }

    /// <summary>
    /// Callable names near <paramref name="name"/>: by edit distance (a swap of neighbours counts 1), with a
    /// longer shared prefix first; a known name that the unknown one extends with a suffix (<c>kmalloc</c>
    /// for <c>kmalloc_zeroed</c>) also counts. Best first, at most <paramref name="max"/>.
    /// </summary>
    public IReadOnlyList<string> Suggest(string name, int max = 3)
    {
        var query = Encoding.UTF8.GetBytes(name);
        var limit = Math.Max(1, Math.Min(3, query.Length / 4));
        var best = new List<(int Distance, int Prefix, string Name)>();
        var scratch = new int[3 * (SymbolIndexFormat.MaxNameBytes + 2)];
        var buffer = new byte[SymbolIndexFormat.MaxNameBytes];
        for (var block = 0; block < _symbols.BlockCount; block++)
        {
            var reader = new RecordReader(Data, _symbols, block, buffer);
            while (reader.Next())
            {
                var candidate = reader.Name;
                var kinds = reader.ReadKinds();
                reader.SkipArities();
                if ((kinds & SymbolKinds.Callable) == 0 || candidate.SequenceEqual(query))
                {
                    continue;
                }

                var prefix = candidate.CommonPrefixLength(query);
                int distance;
                if (prefix == candidate.Length && candidate.Length >= 4 && query.Length > candidate.Length && query[candidate.Length] == (byte)'_')
                {
                    distance = Math.Min(limit, query.Length - candidate.Length); // A suffix added to a real name.
                }
                else if (Math.Abs(candidate.Length - query.Length) > limit)
                {
                    continue;
                }
                else
                {
                    distance = BoundedDistance(candidate, query, limit, scratch);
                    if (distance > limit)
                    {
                        continue;
                    }
                }

                best.Add((distance, prefix, Encoding.UTF8.GetString(candidate)));
                if (best.Count > 64)
                {
                    Trim(best, max);
                }
            }
        }

        Trim(best, max);
        return best.Select(b => b.Name).ToList();
    }

    private static void Trim(List<(int Distance, int Prefix, string Name)> best, int max)
    {
        best.Sort((a, b) => a.Distance != b.Distance ? a.Distance.CompareTo(b.Distance)
            : a.Prefix != b.Prefix ? b.Prefix.CompareTo(a.Prefix)
            : string.CompareOrdinal(a.Name, b.Name));
        if (best.Count > max)
        {
            best.RemoveRange(max, best.Count - max);
        }
    }

    /// <summary>
    /// Optimal string alignment distance, computed in the diagonal band |i - j| &lt;= <paramref name="limit"/>; more than
    /// <paramref name="limit"/> once it is certain to exceed it.
    /// </summary>
    internal static int BoundedDistance(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b, int limit, int[] scratch)
    {
        if (Math.Abs(a.Length - b.Length) > limit)
        {
            return limit + 1;
        }

        var outside = limit + 1;
        var width = b.Length + 1;
        var twoBack = scratch.AsSpan(0, width);
        var previous = scratch.AsSpan(width, width);
        var current = scratch.AsSpan(2 * width, width);
        for (var j = 0; j < width; j++)
        {
            previous[j] = Math.Min(j, outside);
            twoBack[j] = outside;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            var from = Math.Max(1, i - limit);
            var to = Math.Min(b.Length, i + limit);
            current.Fill(outside);
            current[0] = Math.Min(i, outside);
            var rowMin = current[0];
            for (var j = from; j <= to; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                var v = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    v = Math.Min(v, twoBack[j - 2] + 1);
                }

                current[j] = Math.Min(v, outside);
                rowMin = Math.Min(rowMin, current[j]);
            }

            if (rowMin > limit)
            {
                return outside;
            }

            var t = twoBack;
            twoBack = previous;
            previous = current;
            current = t;
        }

        return previous[b.Length];
    }

    /// <summary>One section of the payload: block offsets (absolute in the file) and the end of its data.</summary>
    private sealed class Section
    {
        private Section(int[] blocks, int dataStart, int dataEnd, int count)
        {
            Blocks = blocks;
            DataStart = dataStart;
            DataEnd = dataEnd;
            Count = count;
        }

        public int[] Blocks { get; }

        public int DataStart { get; }

        public int DataEnd { get; }

        public int Count { get; }

        public int BlockCount => Blocks.Length;

        [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
        public static Section Read(ReadOnlySpan<byte> data, ref int at, int blockCount, int count)
        {
            if ((long)at + (4L * blockCount) + 4 > data.Length)
            {
                throw new IndexFormatException("the index is damaged (block table runs past the end)");
            }

            var relative = new int[blockCount];
            for (var b = 0; b < blockCount; b++)
            {
                relative[b] = (int)SymbolIndexFormat.ReadUInt32(data, at + (4 * b));
            }

            at += 4 * blockCount;
            var length = SymbolIndexFormat.ReadUInt32(data, at);
            at += 4;
            if (length > data.Length - at)
            {
                throw new IndexFormatException("the index is damaged (section data runs past the end)");
            }

            var start = at;
            var blocks = new int[blockCount];
            for (var b = 0; b < blockCount; b++)
            {
                if (relative[b] < 0 || relative[b] >= length || (b > 0 && relative[b] <= relative[b - 1]) || (b == 0 && relative[b] != 0))
                {
                    throw new IndexFormatException("the index is damaged (block offsets out of order)");
                }

                blocks[b] = start + relative[b];
            }

            at += (int)length;
            return new Section(blocks, start, at, count);
        }

        /// <summary>The last block whose first name is not after <paramref name="query"/>, or -1.</summary>
        public int FindBlock(ReadOnlySpan<byte> data, ReadOnlySpan<byte> query, byte[] buffer, bool withData = true)
        {
            int lo = 0, hi = Blocks.Length - 1, found = -1;
            while (lo <= hi)
            {
                var mid = (lo + hi) >>> 1;
                var reader = new RecordReader(data, this, mid, buffer, withData);
                reader.Next();
                if (reader.Name.SequenceCompareTo(query) <= 0)
                {
                    found = mid;
                    lo = mid + 1;
                }
                else
                {
                    hi = mid - 1;
                }
            }

            return found;
        }

        public int BlockEnd(int block) => block + 1 < Blocks.Length ? Blocks[block + 1] : DataEnd;
    }

    /// <summary>Decodes the records of one block; every read is bounds-checked and fails with <see cref="IndexFormatException"/>.</summary>
    private ref struct RecordReader
    {
        private readonly ReadOnlySpan<byte> _data;
        private readonly int _end;
        private readonly bool _withData;
        private readonly byte[] _name;
        private int _position;
        private int _nameLength;
        private int _read;

        public RecordReader(ReadOnlySpan<byte> data, Section section, int block, byte[] nameBuffer, bool withData = true)
        {
            _data = data;
            _position = section.Blocks[block];
            _end = section.BlockEnd(block);
            _withData = withData;
            _name = nameBuffer;
        }

        public readonly ReadOnlySpan<byte> Name => _name.AsSpan(0, _nameLength);

        public bool Next()
        {
            if (_position >= _end || _read == SymbolIndexFormat.BlockSize)
            {
                return false;
            }

            var shared = ReadVarint();
            var suffix = ReadVarint();
            if (shared > _nameLength || shared + suffix > _name.Length || suffix > _end - _position || (_read == 0 && shared != 0))
            {
                throw new IndexFormatException("the index is damaged (bad name record)");
            }

            _data.Slice(_position, suffix).CopyTo(_name.AsSpan(shared));
            _position += suffix;
            _nameLength = shared + suffix;
            _read++;
            return true;
        }

        public SymbolKinds ReadKinds() => _withData ? (SymbolKinds)ReadVarint() : SymbolKinds.None;

        public void SkipArities()
        {
            if (!_withData)
            {
                return;
            }

            var count = ReadVarint();
            for (var k = 0; k < count; k++)
            {
                ReadVarint();
            }
        }

        public void SkipData()
        {
            ReadKinds();
            SkipArities();
        }

        public SymbolInfo Info(string name)
        {
            var kinds = ReadKinds();
            if (!_withData)
            {
                return new SymbolInfo(name, kinds, []);
            }

            var count = ReadVarint();
            if (count > 4096)
            {
                throw new IndexFormatException("the index is damaged (bad arity count)");
            }

            var arities = new Arity[count];
            for (var k = 0; k < count; k++)
            {
                arities[k] = Arity.Decode(ReadVarint());
            }

            return new SymbolInfo(name, kinds, arities);
        }

        private int ReadVarint()
        {
            var result = 0;
            for (var shift = 0; shift < 35; shift += 7)
            {
                if (_position >= _end)
                {
                    throw new IndexFormatException("the index is damaged (record runs past its block)");
                }

                var b = _data[_position++];
                result |= (b & 0x7F) << shift;
                if ((b & 0x80) == 0)
                {
                    return result >= 0 ? result : throw new IndexFormatException("the index is damaged (bad number)");
                }
            }

            throw new IndexFormatException("the index is damaged (bad number)");
        }
    }
}
