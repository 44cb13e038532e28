using System.Diagnostics.CodeAnalysis;
using KernelPrBot.Testing.FakeGitHub;

namespace KernelPrBot.Testing.FakeForge;

/// <summary>
/// A repository's file trees by SHA: base trees and the tree after each commit. Guarded by the repository's lock:
/// <see cref="TreeAt"/> takes it, the rest expect it held.
/// </summary>
internal sealed class CommitTrees(object sync)
{
    private readonly Dictionary<string, IReadOnlyDictionary<string, string>> _trees = new(StringComparer.Ordinal);

    public IReadOnlyDictionary<string, string> this[string sha] => _trees[sha];

    /// <summary>The base tree for <paramref name="files"/> and its SHA; computed without the lock, stored by <see cref="Add"/>.</summary>
    public static (string Sha, IReadOnlyDictionary<string, string> Tree) Base(IReadOnlyDictionary<string, string> files)
    {
        var tree = new Dictionary<string, string>(files, StringComparer.Ordinal);
        return (GitObjects.TreeSha(tree), tree);
    }

    public IReadOnlyDictionary<string, string>? TreeAt(string sha)
    {
        lock (sync)
        {
            return _trees.GetValueOrDefault(sha);
        }
    }

    public void Add(string sha, IReadOnlyDictionary<string, string> tree) => _trees[sha] = tree;

    public bool ContainsKey(string sha) => _trees.ContainsKey(sha);

    public bool TryGetValue(string sha, [MaybeNullWhen(false)] out IReadOnlyDictionary<string, string> tree) => _trees.TryGetValue(sha, out tree);

    public IReadOnlyDictionary<string, string>? GetValueOrDefault(string sha) => _trees.GetValueOrDefault(sha);

    /// <summary>Applies <paramref name="commit"/> on the request's head, records its tree and returns its SHA.</summary>
    public string Apply(ChangeRequestState changes, FakeCommit commit, DateTimeOffset now)
    {
        var parent = changes.HeadShaUnlocked;
        var tree = new Dictionary<string, string>(_trees[parent], StringComparer.Ordinal);
        foreach (var (path, content) in commit.Changes)
        {
            if (content is null)
            {
                tree.Remove(path);
            }
            else
            {
                tree[path] = content;
            }
        }

        var sha = GitObjects.CommitSha(parent, commit);
        _trees[sha] = tree;
        changes.AddCommit(new PullCommit(sha, parent, commit, now));
        return sha;
    }

    /// <summary>The request's diff at <paramref name="headSha"/>.</summary>
    public List<FileChange> FilesOf(ChangeRequestState changes, string headSha) =>
        changes.FilesAt(headSha, _trees[changes.BaseSha], _trees[headSha]);
}
