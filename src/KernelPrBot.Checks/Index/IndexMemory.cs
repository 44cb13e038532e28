using System.IO.MemoryMappedFiles;

namespace KernelPrBot.Checks.Index;

/// <summary>
/// The bytes of an index: an array, or a read-only mapping of the file (no copy; pages come from the page
/// cache as they are touched). The mapping is released by <see cref="Dispose"/>, or when the process ends.
/// </summary>
internal sealed unsafe class IndexMemory : IDisposable
{
    private readonly byte[]? _array;
    private readonly MemoryMappedFile? _file;
    private readonly MemoryMappedViewAccessor? _view;
    private byte* _pointer;

    public IndexMemory(byte[] array)
    {
        _array = array;
        Length = array.Length;
    }

    private IndexMemory(MemoryMappedFile file, MemoryMappedViewAccessor view, int length)
    {
        _file = file;
        _view = view;
        Length = length;
        byte* pointer = null;
        view.SafeMemoryMappedViewHandle.AcquirePointer(ref pointer);
        _pointer = pointer + view.PointerOffset;
    }

    public int Length { get; }

    public ReadOnlySpan<byte> Span => _array is not null ? _array : _pointer is null ? throw new ObjectDisposedException(nameof(SymbolIndex)) : new ReadOnlySpan<byte>(_pointer, Length);

    public static IndexMemory Map(string path)
    {
        var length = new FileInfo(path).Length;
        if (length == 0)
        {
            return new IndexMemory([]);
        }

        if (length > int.MaxValue)
        {
            throw new IndexFormatException("the file is too large to be an index");
        }

        var file = MemoryMappedFile.CreateFromFile(path, FileMode.Open, null, 0, MemoryMappedFileAccess.Read);
        try
        {
            return new IndexMemory(file, file.CreateViewAccessor(0, length, MemoryMappedFileAccess.Read), (int)length);
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        if (_view is not null && _pointer is not null)
        {
            _pointer = null;
            _view.SafeMemoryMappedViewHandle.ReleasePointer();
        }

        _view?.Dispose();
        _file?.Dispose();
    }
}
