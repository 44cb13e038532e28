using KernelPrBot.Testing.FakeForge;

namespace KernelPrBot.Testing.FakeGitHub;

/// <summary>
/// A repository on the fake. Thread-safe: all state sits behind one lock (<see cref="Sync"/>), shared with its pull requests.
/// Users without a permission set get "read", as on a public repository.
/// </summary>
public sealed class FakeRepository
{
    private readonly IdSource _ids;
    private readonly TimeProvider _time;
    private readonly Dictionary<string, string> _permissions = new(StringComparer.OrdinalIgnoreCase);

    internal FakeRepository(IdSource ids, TimeProvider time, string owner, string name, long installationId)
    {
        _ids = ids;
        _time = time;
        Owner = owner;
        Name = name;
        InstallationId = installationId;
        Id = ids.Next();
        Trees = new CommitTrees(Sync);
    }

    public string Owner { get; }

    public string Name { get; }

    public string FullName => $"{Owner}/{Name}";

    public long Id { get; }

    public long InstallationId { get; }

    internal object Sync { get; } = new();

    internal CommitTrees Trees { get; }

    internal Dictionary<int, FakePullRequest> Pulls { get; } = [];

    internal List<FakeIssueComment> IssueCommentList { get; } = [];

    internal List<FakeReviewComment> ReviewCommentList { get; } = [];

    internal List<FakeReview> ReviewList { get; } = [];

    internal Dictionary<string, FakeLabel> LabelDefinitions { get; } = new(StringComparer.OrdinalIgnoreCase);

    internal List<FakeCheckRun> CheckRunList { get; } = [];

    internal List<FakeReaction> ReactionList { get; } = [];

    internal List<FakeCommitStatus> StatusList { get; } = [];

    internal IdSource Ids => _ids;

    internal DateTimeOffset Now => _time.GetUtcNow();

    /// <summary>admin, maintain, write, triage, read or none.</summary>
    public void SetPermission(string login, string permission)
    {
        if (permission is not ("admin" or "maintain" or "write" or "triage" or "read" or "none"))
        {
            throw new ArgumentException($"unknown permission '{permission}'", nameof(permission));
        }

        lock (Sync)
        {
            _permissions[login] = permission;
        }
    }

    public string Permission(string login)
    {
        lock (Sync)
        {
            return _permissions.GetValueOrDefault(login, login.Equals(Owner, StringComparison.OrdinalIgnoreCase) ? "admin" : "read");
        }
    }

    /// <summary>Opens a PR whose base tree is <paramref name="baseFiles"/> and whose commits apply on top of it in order.</summary>
    public FakePullRequest OpenPullRequest(
        int number,
        string title,
        string authorLogin,
        IReadOnlyDictionary<string, string> baseFiles,
        IReadOnlyList<FakeCommit> commits,
        string? headRepositoryFullName = null)
    {
        var (baseSha, baseTree) = CommitTrees.Base(baseFiles);
        lock (Sync)
        {
            if (Pulls.ContainsKey(number))
            {
                throw new InvalidOperationException($"pull request #{number} already exists in {FullName}");
            }

            Trees.Add(baseSha, baseTree);
            var pr = new FakePullRequest(Sync, _ids.Next(), number, title, authorLogin, baseSha, headRepositoryFullName ?? FullName, Now);
            foreach (var commit in commits)
            {
                Trees.Apply(pr.Changes, commit, Now);
            }

            Pulls[number] = pr;
            return pr;
        }
    }

    /// <summary>Adds a commit to the PR (a "synchronize") and returns the new head SHA.</summary>
    public string Push(FakePullRequest pr, FakeCommit commit)
    {
        lock (Sync)
        {
            var sha = Trees.Apply(pr.Changes, commit, Now);
            pr.UpdatedAt = Now;
            return sha;
        }
    }

    public void Close(FakePullRequest pr) => pr.Changes.SetState("closed", _time);

    public void Reopen(FakePullRequest pr) => pr.Changes.SetState("open", _time);

    public FakePullRequest PullRequest(int number)
    {
        lock (Sync)
        {
            return Pulls.TryGetValue(number, out var pr) ? pr : throw new KeyNotFoundException($"no pull request #{number} in {FullName}");
        }
    }

    /// <summary>A human comment on the PR conversation; returns its id.</summary>
    public long AddIssueComment(int number, string login, string body)
    {
        lock (Sync)
        {
            _ = PullRequest(number);
            var comment = new FakeIssueComment(_ids.Next(), number, new FakeUser(login, "User"), body, Now, Now);
            IssueCommentList.Add(comment);
            return comment.Id;
        }
    }

    /// <summary>The file contents at a commit (or base tree) SHA; null when the SHA is unknown.</summary>
    public IReadOnlyDictionary<string, string>? TreeAt(string sha) => Trees.TreeAt(sha);

    public IReadOnlyList<FakeIssueComment> IssueComments(int number) => Snapshot(IssueCommentList, c => c.Number == number);

    public IReadOnlyList<FakeReviewComment> ReviewComments(int number) => Snapshot(ReviewCommentList, c => c.Number == number);

    public IReadOnlyList<FakeReview> Reviews(int number) => Snapshot(ReviewList, r => r.Number == number);

    public IReadOnlyList<string> Labels(int number)
    {
        lock (Sync)
        {
            return PullRequest(number).Changes.LabelNames.ToList();
        }
    }

    public IReadOnlyList<FakeCheckRun> CheckRuns() => Snapshot(CheckRunList, _ => true);

    public IReadOnlyList<FakeReaction> Reactions(long commentId) => Snapshot(ReactionList, r => r.CommentId == commentId);

    public IReadOnlyList<FakeCommitStatus> CommitStatuses(string sha) => Snapshot(StatusList, s => s.Sha == sha);

    /// <summary>The diff GitHub would list for the PR at its current head (for assertions about lines).</summary>
    public IReadOnlyList<string> ChangedFiles(int number)
    {
        lock (Sync)
        {
            return FilesOf(PullRequest(number), null).Select(f => f.Filename).ToList();
        }
    }

    /// <summary>The <c>patch</c> GitHub would give for one file of the PR at its head, or null (binary, unchanged).</summary>
    public string? PatchOf(int number, string path)
    {
        lock (Sync)
        {
            return FilesOf(PullRequest(number), null).FirstOrDefault(f => f.Filename == path)?.Patch;
        }
    }

    /// <summary>Call with the lock held.</summary>
    internal List<FileChange> FilesOf(FakePullRequest pr, string? headSha)
    {
        return Trees.FilesOf(pr.Changes, headSha ?? pr.Changes.HeadShaUnlocked);
    }

    /// <summary>Call with the lock held.</summary>
    internal FakeLabel LabelFor(string name)
    {
        if (!LabelDefinitions.TryGetValue(name, out var label))
        {
            var color = GitObjects.BlobSha(name)[..6];
            label = new FakeLabel(_ids.Next(), name, color);
            LabelDefinitions[name] = label;
        }

        return label;
    }

    private List<T> Snapshot<T>(List<T> list, Func<T, bool> filter)
    {
        lock (Sync)
        {
            return list.Where(filter).ToList();
        }
    }
}
