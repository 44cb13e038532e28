namespace KernelPrBot.Testing.FakeGitHub;

/// <summary>A pull request of a <see cref="FakeRepository"/>. Mutable state is guarded by the repository's lock.</summary>
public sealed class FakePullRequest
{
    private readonly object _sync;
    private readonly List<PullCommit> _commits = [];
    private readonly Dictionary<string, List<FileChange>> _files = new(StringComparer.Ordinal);

    internal FakePullRequest(object sync, long id, int number, string title, string authorLogin, string baseSha, string headRepositoryFullName, DateTimeOffset createdAt)
    {
        _sync = sync;
        Id = id;
        Number = number;
        Title = title;
        AuthorLogin = authorLogin;
        BaseSha = baseSha;
        HeadRepositoryFullName = headRepositoryFullName;
        CreatedAt = createdAt;
        UpdatedAt = createdAt;
    }

    public long Id { get; }

    public int Number { get; }

    public string Title { get; }

    public string AuthorLogin { get; }

    public string BaseSha { get; }

    public string BaseRef { get; } = "main";

    public string HeadRef => $"pr-{Number}";

    public string HeadRepositoryFullName { get; }

    public DateTimeOffset CreatedAt { get; }

    public DateTimeOffset UpdatedAt { get; internal set; }

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

    /// <summary>Commit SHAs, oldest first.</summary>
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

    internal string StateUnlocked { get; set; } = "open";

    internal string HeadShaUnlocked => _commits.Count == 0 ? BaseSha : _commits[^1].Sha;

    internal List<string> LabelNames { get; } = [];

    internal IReadOnlyList<PullCommit> Commits => _commits;

    internal void AddCommit(PullCommit commit) => _commits.Add(commit);

    internal bool HasCommit(string sha) => _commits.Any(c => c.Sha == sha);

    /// <summary>The diff of the base tree against the tree of <paramref name="headSha"/>; cached, trees never change.</summary>
    internal List<FileChange> FilesAt(string headSha, IReadOnlyDictionary<string, string> baseTree, IReadOnlyDictionary<string, string> headTree)
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

internal sealed record PullCommit(string Sha, string Parent, FakeCommit Commit, DateTimeOffset Date);
