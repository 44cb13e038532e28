using System.Collections.Concurrent;

namespace KernelPrBot.Testing;

/// <summary>
/// A fresh <c>kpb-PURPOSE-*</c> directory under the system temp folder, deleted with everything in it on dispose, so
/// a test run leaves nothing behind. Every file a test writes outside the repository goes in one of these. Should a
/// test never reach its dispose, the directory still goes when the test process exits.
/// </summary>
public sealed class TempDirectory : IDisposable
{
    private static readonly ConcurrentDictionary<string, byte> Undeleted = new(StringComparer.Ordinal);

    static TempDirectory() => AppDomain.CurrentDomain.ProcessExit += (_, _) =>
    {
        foreach (var path in Undeleted.Keys)
        {
            Delete(path);
        }
    };

    public TempDirectory(string purpose)
    {
        Path = Directory.CreateTempSubdirectory($"kpb-{purpose}-").FullName;
        Undeleted.TryAdd(Path, 0);
    }

    public string Path { get; }

    /// <summary>A path inside the directory; nothing is created.</summary>
    public string Combine(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);

    public void Dispose()
    {
        if (Delete(Path))
        {
            Undeleted.TryRemove(Path, out _);
        }
    }

    /// <summary>True once the directory is gone. A child that was just killed may still be closing a file, hence the retries.</summary>
    private static bool Delete(string path)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                if (Directory.Exists(path))
                {
                    Directory.Delete(path, recursive: true);
                }

                return true;
            }
            catch (IOException) when (attempt < 5)
            {
                Thread.Sleep(100 * attempt);
            }
            catch (IOException)
            {
                return false;
            }
        }
    }
}
