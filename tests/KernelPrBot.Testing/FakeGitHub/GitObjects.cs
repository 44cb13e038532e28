using System.Security.Cryptography;
using System.Text;

namespace KernelPrBot.Testing.FakeGitHub;

/// <summary>Deterministic SHA-1 names for trees, commits and blobs, so a test can predict them.</summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Security", "CA5350", Justification = "Git names objects by SHA-1; nothing here is a security boundary.")]
internal static class GitObjects
{
    public static string BlobSha(string content)
    {
        var bytes = Encoding.UTF8.GetBytes(content);
        return Hex(SHA1.HashData([.. Encoding.ASCII.GetBytes($"blob {bytes.Length}\0"), .. bytes]));
    }

    public static string TreeSha(IReadOnlyDictionary<string, string> tree)
    {
        var sb = new StringBuilder("tree\n");
        foreach (var (path, content) in tree.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            sb.Append(path).Append('\0').Append(BlobSha(content)).Append('\n');
        }

        return Hex(SHA1.HashData(Encoding.UTF8.GetBytes(sb.ToString())));
    }

    public static string CommitSha(string parent, FakeCommit commit)
    {
        var sb = new StringBuilder("commit\n");
        sb.Append("parent ").Append(parent).Append('\n');
        sb.Append("author ").Append(commit.AuthorName).Append(" <").Append(commit.AuthorEmail).Append(">\n\n");
        sb.Append(commit.Message).Append('\n');
        foreach (var (path, content) in commit.Changes.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            sb.Append(path).Append('\0').Append(content is null ? "deleted" : BlobSha(content)).Append('\n');
        }

        return Hex(SHA1.HashData(Encoding.UTF8.GetBytes(sb.ToString())));
    }

    public static string Hex(byte[] hash) => Convert.ToHexStringLower(hash);

    /// <summary>A stable positive id for a name (user and fork repository ids).</summary>
    public static long StableId(string name) => 1_000_000 + (BitConverter.ToUInt32(SHA1.HashData(Encoding.UTF8.GetBytes(name)), 0) % 90_000_000);
}
