using KernelPrBot.Testing.FakeForge;

namespace KernelPrBot.Testing.FakeGitLab;

/// <summary>A merge request of a <see cref="FakeProject"/>. Mutable state is guarded by the project's lock.</summary>
public sealed class FakeMergeRequest
{
    private readonly object _sync;
    private readonly List<FakeVersion> _versions = [];

    internal FakeMergeRequest(object sync, long id, int iid, long projectId, string title, string authorLogin, string baseSha, string webUrl, DateTimeOffset createdAt)
    {
        _sync = sync;
        Changes = new ChangeRequestState(sync, baseSha, "opened", createdAt);
        Id = id;
        Iid = iid;
        ProjectId = projectId;
        Title = title;
        AuthorLogin = authorLogin;
        WebUrl = webUrl;
        CreatedAt = createdAt;
    }

    /// <summary>The instance-wide id; <see cref="Iid"/> is the number within the project.</summary>
    public long Id { get; }

    public int Iid { get; }

    public long ProjectId { get; }

    public string Title { get; }

    public string AuthorLogin { get; }

    /// <summary>The target branch's head, which is also the merge base (the target does not move in the fake).</summary>
    public string BaseSha => Changes.BaseSha;

    public string WebUrl { get; }

    public string TargetBranch { get; } = "master";

    public string SourceBranch => $"mr-{Iid}";

    public DateTimeOffset CreatedAt { get; }

    public DateTimeOffset UpdatedAt
    {
        get => Changes.UpdatedAt;
        internal set => Changes.UpdatedAt = value;
    }

    public bool Draft { get; set; }

    /// <summary>opened, closed or merged.</summary>
    public string State => Changes.State;

    public string HeadSha => Changes.HeadSha;

    /// <summary>Commit SHAs, oldest first.</summary>
    public IReadOnlyList<string> CommitShas => Changes.CommitShas;

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

    internal ChangeRequestState Changes { get; }

    internal FakeVersion? LatestVersion => _versions.Count == 0 ? null : _versions[^1];

    internal IReadOnlyList<FakeVersion> VersionsOldestFirst => _versions;

    internal void AddVersion(FakeVersion version) => _versions.Add(version);
}
