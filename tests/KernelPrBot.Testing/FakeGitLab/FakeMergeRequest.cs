using KernelPrBot.Testing.FakeGitHub;

namespace KernelPrBot.Testing.FakeGitLab;

/// <summary>A merge request of a <see cref="FakeProject"/>. Mutable state is guarded by the project's lock.</summary>
public sealed class FakeMergeRequest
{
    private readonly object _sync;
    private readonly List<PullCommit> _commits = [];
    private readonly List<FakeVersion> _versions = [];
    private readonly Dictionary<string, List<FileChange>> _files = new(StringComparer.Ordinal);

    internal FakeMergeRequest(object sync, long id, int iid, long projectId, string title, string authorLogin, string baseSha, string webUrl, DateTimeOffset createdAt)
    {
        _sync = sync;
        Id = id;
        Iid = iid;
        ProjectId = projectId;
        Title = title;
        AuthorLogin = authorLogin;
        BaseSha = baseSha;
        WebUrl = webUrl;
        CreatedAt = createdAt;
        UpdatedAt = createdAt;
    }

    /// <summary>The instance-wide id; <see cref="Iid"/> is the number within the project.</summary>
    public long Id { get; }

    public int Iid { get; }

    public long ProjectId { get; }

    public string Title { get; }

    public string AuthorLogin { get; }

    /// <summary>The target branch's head, which is also the merge base (the target does not move in the fake).</summary>
    public string BaseSha { get; }

    public string WebUrl { get; }

    public string TargetBranch { get; } = "master";

    public string SourceBranch => $"mr-{Iid}";

    public DateTimeOffset CreatedAt { get; }

    public DateTimeOffset UpdatedAt { get; internal set; }

    public bool Draft { get; set; }

    /// <summary>opened, closed or merged.</summary>
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

    /// <summary>Latest first, as the versions endpoint lists them.</summary>
    public IReadOnlyList<FakeVersion> Versions
    {
        get
        {
            lock (_sync)
            {
                return _versions.AsEnumerable().Reverse().ToList();
            }
        }
    }

    internal string StateUnlocked { get; set; } = "opened";

    internal string HeadShaUnlocked => _commits.Count == 0 ? BaseSha : _commits[^1].Sha;

    internal FakeVersion? LatestVersion => _versions.Count == 0 ? null : _versions[^1];

    internal List<string> LabelNames { get; } = [];

    internal IReadOnlyList<PullCommit> Commits => _commits;

    internal IReadOnlyList<FakeVersion> VersionsOldestFirst => _versions;

    internal void AddCommit(PullCommit commit) => _commits.Add(commit);

    internal void AddVersion(FakeVersion version) => _versions.Add(version);

    /// <summary>The diff of the base tree against <paramref name="headSha"/>'s tree; cached, trees never change.</summary>
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
