using System.Security.Cryptography;
using System.Text;
using KernelPrBot.Testing.FakeForge;
using KernelPrBot.Testing.FakeGitHub;

namespace KernelPrBot.Testing.FakeGitLab;

/// <summary>
/// A project on the fake. Thread-safe: all state sits behind one lock (<see cref="Sync"/>), shared with its merge requests.
/// The project is public: anyone with a token may read it; members have the access levels set here.
/// </summary>
public sealed class FakeProject
{
    private readonly IdSource _ids;
    private readonly UserStore _users;
    private readonly TimeProvider _time;
    private readonly Dictionary<long, int> _access = [];

    internal FakeProject(IdSource ids, UserStore users, TimeProvider time, long id, string pathWithNamespace, Uri webRoot)
    {
        _ids = ids;
        _users = users;
        _time = time;
        Id = id;
        PathWithNamespace = pathWithNamespace;
        WebUrl = webRoot.AbsoluteUri + pathWithNamespace;
        Trees = new CommitTrees(Sync);
    }

    public long Id { get; }

    public string PathWithNamespace { get; }

    public string Name => PathWithNamespace.Split('/')[^1];

    public string Namespace => PathWithNamespace[..Math.Max(0, PathWithNamespace.LastIndexOf('/'))];

    public string WebUrl { get; }

    public string DefaultBranch { get; } = "master";

    internal object Sync { get; } = new();

    internal UserStore Users => _users;

    internal IdSource Ids => _ids;

    internal DateTimeOffset Now => _time.GetUtcNow();

    internal CommitTrees Trees { get; }

    internal Dictionary<int, FakeMergeRequest> MergeRequests { get; } = [];

    internal List<DiscussionState> DiscussionList { get; } = [];

    internal List<StatusJob> StatusJobs { get; } = [];

    internal List<FakeAwardEmoji> Awards { get; } = [];

    internal HashSet<string> CollapsedPaths { get; } = new(StringComparer.Ordinal);

    /// <summary>10 guest, 20 reporter, 30 developer, 40 maintainer, 50 owner; 0 removes the membership.</summary>
    public void SetAccessLevel(string login, int level)
    {
        if (level is not (0 or 10 or 20 or 30 or 40 or 50))
        {
            throw new ArgumentOutOfRangeException(nameof(level), level, "GitLab access levels are 10, 20, 30, 40 and 50");
        }

        var user = _users.Ensure(login);
        lock (Sync)
        {
            if (level == 0)
            {
                _access.Remove(user.Id);
            }
            else
            {
                _access[user.Id] = level;
            }
        }
    }

    /// <summary>The member's access level, or null for a non-member.</summary>
    public int? AccessLevel(string login)
    {
        var user = _users.Ensure(login);
        lock (Sync)
        {
            return _access.TryGetValue(user.Id, out var level) ? level : null;
        }
    }

    /// <summary>The id the fake gives <paramref name="login"/> (created on demand).</summary>
    public long UserId(string login) => _users.Ensure(login).Id;

    /// <summary>Makes the diffs endpoint answer <c>collapsed: true</c> with an empty diff for this path (in every merge request).</summary>
    public void MarkCollapsed(string path)
    {
        lock (Sync)
        {
            CollapsedPaths.Add(path);
        }
    }

    /// <summary>Opens an MR whose target tree is <paramref name="baseFiles"/> and whose commits apply on top of it in order.</summary>
    public FakeMergeRequest OpenMergeRequest(int iid, string title, string authorLogin, IReadOnlyDictionary<string, string> baseFiles, IReadOnlyList<FakeCommit> commits)
    {
        _users.Ensure(authorLogin);
        var (baseSha, baseTree) = CommitTrees.Base(baseFiles);
        lock (Sync)
        {
            if (MergeRequests.ContainsKey(iid))
            {
                throw new InvalidOperationException($"merge request !{iid} already exists in {PathWithNamespace}");
            }

            Trees.Add(baseSha, baseTree);
            var mr = new FakeMergeRequest(Sync, _ids.Next(), iid, Id, title, authorLogin, baseSha, $"{WebUrl}/-/merge_requests/{iid}", Now);
            foreach (var commit in commits)
            {
                Trees.Apply(mr.Changes, commit, Now);
            }

            if (commits.Count > 0)
            {
                AddVersion(mr);
            }

            MergeRequests[iid] = mr;
            return mr;
        }
    }

    /// <summary>Pushes a commit to the MR's source branch: a new diff version and GitLab's "added 1 commit" system note.</summary>
    public string Push(FakeMergeRequest mr, FakeCommit commit)
    {
        ArgumentNullException.ThrowIfNull(mr);
        lock (Sync)
        {
            var sha = Trees.Apply(mr.Changes, commit, Now);
            var version = AddVersion(mr);
            var previous = mr.VersionsOldestFirst.Count > 1 ? mr.VersionsOldestFirst[^2] : null;
            var body = $"added 1 commit\n\n<ul><li>{sha[..8]} - {commit.Message.Split('\n')[0]}</li></ul>"
                + (previous is null ? "" : $"\n\n[Compare with previous version]({mr.WebUrl}/diffs?diff_id={version.Id}&start_sha={previous.HeadCommitSha})");
            AddNoteUnlocked(mr.Iid, mr.AuthorLogin, body, system: true);
            mr.UpdatedAt = Now;
            return sha;
        }
    }

    public void Close(FakeMergeRequest mr) => mr.Changes.SetState("closed", _time);

    public void Reopen(FakeMergeRequest mr) => mr.Changes.SetState("opened", _time);

    public void Merge(FakeMergeRequest mr) => mr.Changes.SetState("merged", _time);

    public FakeMergeRequest MergeRequest(int iid)
    {
        lock (Sync)
        {
            return MergeRequests.TryGetValue(iid, out var mr) ? mr : throw new KeyNotFoundException($"no merge request !{iid} in {PathWithNamespace}");
        }
    }

    /// <summary>A human comment on the MR (an individual-note discussion); returns the note id.</summary>
    public long AddNote(int iid, string login, string body)
    {
        _users.Ensure(login);
        lock (Sync)
        {
            _ = MergeRequest(iid);
            return AddNoteUnlocked(iid, login, body, system: false).Id;
        }
    }

    /// <summary>All notes of the MR, system ones included, oldest first.</summary>
    public IReadOnlyList<FakeNote> Notes(int iid)
    {
        lock (Sync)
        {
            return DiscussionList.Where(d => d.Iid == iid).SelectMany(d => d.Notes.Select(n => n.Snapshot(d))).OrderBy(n => n.Id).ToList();
        }
    }

    public IReadOnlyList<FakeDiscussion> Discussions(int iid)
    {
        lock (Sync)
        {
            return DiscussionList.Where(d => d.Iid == iid).Select(d => d.Snapshot()).ToList();
        }
    }

    public IReadOnlyList<string> Labels(int iid)
    {
        lock (Sync)
        {
            return MergeRequest(iid).Changes.LabelNames.ToList();
        }
    }

    /// <summary>One entry per status name on the SHA, in the order first posted.</summary>
    public IReadOnlyList<FakeStatus> Statuses(string sha)
    {
        lock (Sync)
        {
            return StatusJobs.Where(j => j.Sha == sha).GroupBy(j => j.Name, StringComparer.Ordinal).Select(g =>
            {
                var last = g.Last();
                return new FakeStatus(last.Id, sha, last.Name, last.State, last.Description, last.TargetUrl, last.Ref, last.Author,
                    g.SelectMany(j => j.History).ToList());
            }).ToList();
        }
    }

    public IReadOnlyList<FakeAwardEmoji> AwardEmoji(long noteId)
    {
        lock (Sync)
        {
            return Awards.Where(a => a.NoteId == noteId).ToList();
        }
    }

    /// <summary>The file contents at a commit (or base tree) SHA; null when the SHA is unknown.</summary>
    public IReadOnlyDictionary<string, string>? TreeAt(string sha) => Trees.TreeAt(sha);

    /// <summary>Call with the lock held.</summary>
    internal List<FileChange> FilesOf(FakeMergeRequest mr) => Trees.FilesOf(mr.Changes, mr.Changes.HeadShaUnlocked);

    /// <summary>Call with the lock held.</summary>
    internal NoteState AddNoteUnlocked(int iid, string login, string body, bool system)
    {
        var id = _ids.Next();
        var discussion = new DiscussionState { Id = DiscussionId(id), Iid = iid, IndividualNote = true };
        var note = new NoteState { Id = id, Author = login, Body = body, System = system, CreatedAt = Now, UpdatedAt = Now };
        discussion.Notes.Add(note);
        DiscussionList.Add(discussion);
        return note;
    }

    /// <summary>GitLab's discussion ids are 40 hex digits; derive them from the first note so tests can predict them.</summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Security", "CA5350", Justification = "An id, not a security boundary.")]
    internal string DiscussionId(long firstNoteId) =>
        Convert.ToHexStringLower(SHA1.HashData(Encoding.UTF8.GetBytes($"discussion:{Id}:{firstNoteId}")));

    private FakeVersion AddVersion(FakeMergeRequest mr)
    {
        var version = new FakeVersion(_ids.Next(), mr.Changes.HeadShaUnlocked, mr.BaseSha, mr.BaseSha, Now, FilesOf(mr).Count);
        mr.AddVersion(version);
        return version;
    }
}
