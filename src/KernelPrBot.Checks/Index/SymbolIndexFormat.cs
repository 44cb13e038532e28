using System.Buffers.Binary;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;
using KernelPrBot.Checks.Index.Summaries;

namespace KernelPrBot.Checks.Index;

/// <summary>
/// The index file, little-endian: a 48-byte header (magic <c>KPBSYMIX</c>, format version, symbol count and
/// block count, header-path count and block count, fact count, payload length, payload checksum), then the payload:
/// three sections (symbols, header paths, then the function summaries as text records
/// key, kind and fields separated by U+0001, see <see cref="FunctionFacts"/>), each a table of block offsets, a
/// data length and the data. Names
/// are sorted by ordinal and front-coded in blocks of <see cref="BlockSize"/>: a record is the length of the
/// prefix shared with the previous name (0 at a block start), the suffix length and bytes, then for symbols
/// the kinds and the arities as 7-bit varints. Lookups binary-search the block heads and decode one block.
/// </summary>
public static class SymbolIndexFormat
{
    public const int Version = 5;

    public const int HeaderSize = 48;

    public const int BlockSize = 16;

    public const int MaxNameBytes = 1024;

    public static ReadOnlySpan<byte> Magic => "KPBSYMIX"u8;

    /// <summary>One section encoded: the block offsets, the data, and how many records it holds.</summary>
    internal sealed record EncodedSection(List<int> Offsets, byte[] Data, int Length, int Count);

    /// <summary>Writes the header and the three sections, encoded beforehand (the symbols while the summaries are solved).</summary>
    internal static void Write(Stream stream, int symbolCount, EncodedSection symbols, int headerCount, EncodedSection headers, EncodedSection facts)
    {
        using var payload = new MemoryStream();
        var payloadWriter = new BinaryWriter(payload);
        foreach (var section in new[] { symbols, headers, facts })
        {
            foreach (var o in section.Offsets)
            {
                payloadWriter.Write(o);
            }

            payloadWriter.Write(section.Length);
            payloadWriter.Write(section.Data, 0, section.Length);
        }

        payloadWriter.Flush();
        var bytes = payload.GetBuffer().AsSpan(0, (int)payload.Length);

        var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true);
        writer.Write(Magic);
        writer.Write(Version);
        writer.Write(symbolCount);
        writer.Write(symbols.Offsets.Count);
        writer.Write(headerCount);
        writer.Write(headers.Offsets.Count);
        writer.Write(facts.Count);
        writer.Write((ulong)bytes.Length);
        writer.Write(Checksum(bytes));
        writer.Write(bytes);
        writer.Flush();
    }

    /// <summary>Front-codes sorted records into blocks of <see cref="BlockSize"/>; names over <see cref="MaxNameBytes"/> are left out.</summary>
    internal static EncodedSection Encode(IEnumerable<(string Name, SymbolKinds Kinds, IReadOnlyList<ushort> Arities)> records, bool withData)
    {
        using var data = new MemoryStream();
        var dataWriter = new BinaryWriter(data);
        var offsets = new List<int>();
        var previous = new byte[MaxNameBytes * 3];
        var current = new byte[MaxNameBytes * 3];
        var previousLength = 0;
        var n = 0;
        foreach (var (name, kinds, arities) in records)
        {
            if (name.Length > MaxNameBytes || Encoding.UTF8.GetByteCount(name) > MaxNameBytes)
            {
                continue;
            }

            var length = Encoding.UTF8.GetBytes(name, current);
            var shared = 0;
            if (n % BlockSize == 0)
            {
                offsets.Add((int)data.Length);
            }
            else
            {
                shared = current.AsSpan(0, Math.Min(previousLength, length)).CommonPrefixLength(previous.AsSpan(0, previousLength));
            }

            dataWriter.Write7BitEncodedInt(shared);
            dataWriter.Write7BitEncodedInt(length - shared);
            dataWriter.Write(current, shared, length - shared);
            if (withData)
            {
                dataWriter.Write7BitEncodedInt((int)kinds);
                dataWriter.Write7BitEncodedInt(arities.Count);
                foreach (var a in arities)
                {
                    dataWriter.Write7BitEncodedInt(a);
                }
            }

            (previous, current) = (current, previous);
            previousLength = length;
            n++;
        }

        dataWriter.Flush();
        return new EncodedSection(offsets, data.GetBuffer(), (int)data.Length, n);
    }

    /// <summary>A 64-bit checksum of the payload: four independent rotate-xor-multiply lanes over 8-byte words, folded.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static ulong Checksum(ReadOnlySpan<byte> data)
    {
        const ulong Prime = 0x100000001B3UL;
        ulong h0 = 0x9E3779B97F4A7C15UL ^ (ulong)data.Length, h1 = 0xC2B2AE3D27D4EB4FUL, h2 = 0x165667B19E3779F9UL, h3 = 0x27D4EB2F165667C5UL;
        var words = MemoryMarshal.Cast<byte, ulong>(data);
        var i = 0;
        for (; i + 4 <= words.Length; i += 4)
        {
            h0 = BitOperations.RotateLeft(h0 ^ words[i], 27) * Prime;
            h1 = BitOperations.RotateLeft(h1 ^ words[i + 1], 27) * Prime;
            h2 = BitOperations.RotateLeft(h2 ^ words[i + 2], 27) * Prime;
            h3 = BitOperations.RotateLeft(h3 ^ words[i + 3], 27) * Prime;
        }

        for (; i < words.Length; i++)
        {
            h0 = BitOperations.RotateLeft(h0 ^ words[i], 27) * Prime;
        }

        for (var b = words.Length * 8; b < data.Length; b++)
        {
            h1 = BitOperations.RotateLeft(h1 ^ data[b], 27) * Prime;
        }

        var h = h0 ^ BitOperations.RotateLeft(h1, 17) ^ BitOperations.RotateLeft(h2, 31) ^ BitOperations.RotateLeft(h3, 47);
        return (h ^ (h >> 31)) * Prime;
    }

    internal static uint ReadUInt32(ReadOnlySpan<byte> data, int at) => BinaryPrimitives.ReadUInt32LittleEndian(data[at..]);

    internal static ulong ReadUInt64(ReadOnlySpan<byte> data, int at) => BinaryPrimitives.ReadUInt64LittleEndian(data[at..]);
}
