using KernelPrBot.Testing.FakeGitHub;

namespace KernelPrBot.Testing.FakeForge;

/// <summary>
/// What a pull request and a merge request share: open or closed, labels, the commits on top of the base tree and the
/// diffs they give. Guarded by the owning repository's lock; the members named "Unlocked" expect it held.
/// </summary>
internal sealed class ChangeRequestState
{
    private readonly object _sync;
    private readonly List<PullCommit> _commits = [];
    private readonly Dictionary<string, List<FileChange>> _files = new(StringComparer.Ordinal);

    public ChangeRequestState(object sync, string baseSha, string state, DateTimeOffset createdAt)
    {
        _sync = sync;
        BaseSha = baseSha;
        StateUnlocked = state;
        UpdatedAt = createdAt;
    }

    public string BaseSha { get; }

    public DateTimeOffset UpdatedAt { get; set; }

    public string State
    {
        get
        {
            lock (_sync)
            {
                return StateUnlocked;
            }
        }
    }

    public string HeadSha
    {
        get
        {
            lock (_sync)
            {
                return HeadShaUnlocked;
            }
        }
    }

    public IReadOnlyList<string> CommitShas
    {
        get
        {
            lock (_sync)
            {
                return _commits.Select(c => c.Sha).ToList();
            }
        }
    }

    public string StateUnlocked { get; set; }

    public string HeadShaUnlocked => _commits.Count == 0 ? BaseSha : _commits[^1].Sha;

    public List<string> LabelNames { get; } = [];

    public IReadOnlyList<PullCommit> Commits => _commits;

    public void AddCommit(PullCommit commit) => _commits.Add(commit);

    public bool HasCommit(string sha) => _commits.Any(c => c.Sha == sha);

    public void SetState(string state, TimeProvider time)
    {
        lock (_sync)
        {
            StateUnlocked = state;
            UpdatedAt = time.GetUtcNow();
        }
    }

    /// <summary>The diff of the base tree against the tree of <paramref name="headSha"/>; cached, trees never change.</summary>
    public List<FileChange> FilesAt(string headSha, IReadOnlyDictionary<string, string> baseTree, IReadOnlyDictionary<string, string> headTree)
    {
        if (_files.TryGetValue(headSha, out var cached))
        {
            return cached;
        }

        var files = new List<FileChange>();
        foreach (var path in baseTree.Keys.Union(headTree.Keys).Order(StringComparer.Ordinal))
        {
            var before = baseTree.GetValueOrDefault(path);
            var after = headTree.GetValueOrDefault(path);
            if (before != after)
            {
                files.Add(new FileChange(path, before, after));
            }
        }

        _files[headSha] = files;
        return files;
    }
}
