using KernelPrBot.Review.Model;
using KernelPrBot.Review.Planning;
using KernelPrBot.Review.Ports;

namespace KernelPrBot.Review.Tests.Jobs;

/// <summary>
/// A forge in memory: serves one pull request and its files, keeps what plans post as a forge would (bodies,
/// labels, check runs per commit), and reads the bot's prior state back from the hidden markers, as the real
/// adapters do. Only what was really posted survives to the next run, so re-runs show idempotency honestly.
/// </summary>
internal sealed class InMemoryCodeHost : ICodeHost, ISupersededHeads, IPermissionSource
{
    private readonly Dictionary<(string Sha, string Path), string> _files = [];
    private readonly Dictionary<string, RepositoryPermission> _permissions = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<HostedInlineComment> _inline = [];
    private readonly List<HostedIssueComment> _issueComments = [];
    private readonly List<string> _labels = [];
    private readonly List<HostedCheckRun> _checkRuns = [];
    private readonly List<PlannedReaction> _reactions = [];
    private readonly List<ReviewPlan> _applied = [];
    private readonly List<string> _superseded = [];
    private long _nextId = 1000;
    private int _fileReads;

    public InMemoryCodeHost(Change change)
    {
        Change = change;
    }

    public ForgeKind Forge => ForgeKind.GitHub;

    /// <summary>The pull request as the forge serves it now.</summary>
    public Change Change { get; set; }

    public IReadOnlyList<HostedInlineComment> InlineComments => _inline;

    public IReadOnlyList<HostedIssueComment> IssueComments => _issueComments;

    public IReadOnlyList<string> Labels => _labels;

    public IReadOnlyList<HostedCheckRun> CheckRuns => _checkRuns;

    public IReadOnlyList<PlannedReaction> Reactions => _reactions;

    /// <summary>Every non-empty plan the job handed over, in order.</summary>
    public IReadOnlyList<ReviewPlan> Applied => _applied;

    /// <summary>Old heads the job asked to finish because a newer push replaced them.</summary>
    public IReadOnlyList<string> SupersededHeads => _superseded;

    public int FileReads => Volatile.Read(ref _fileReads);

    public HostedIssueComment? Summary => _issueComments.FirstOrDefault(c => Markers.IsSummary(c.Body));

    /// <summary>The newest check run on the current head.</summary>
    public HostedCheckRun? HeadCheckRun => _checkRuns.Where(r => r.HeadSha == Change.HeadSha).MaxBy(r => r.Id);

    public void PutFile(string sha, string path, string text) => _files[(sha, path)] = text;

    public void Grant(string login, RepositoryPermission permission) => _permissions[login] = permission;

    public Task<Change> GetChangeAsync(ReviewRequest request, CancellationToken cancellationToken = default) => Task.FromResult(Change);

    public Task<string?> GetFileTextAsync(Change change, string path, string sha, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _fileReads);
        return Task.FromResult(_files.TryGetValue((sha, path), out var text) ? text : null);
    }

    public Task<PriorBotState> GetPriorStateAsync(Change change, CancellationToken cancellationToken = default)
    {
        var inline = new List<PostedComment>();
        foreach (var c in _inline)
        {
            if (Markers.TryParseFinding(c.Body, out var fingerprint, out var resolved))
            {
                inline.Add(new PostedComment(c.Id, fingerprint, resolved, c.Path, c.Line));
            }
        }

        var replied = new HashSet<long>();
        foreach (var c in _issueComments)
        {
            if (Markers.TryParseReply(c.Body, out var answered))
            {
                replied.Add(answered);
            }
        }

        var summary = Summary;
        var run = _checkRuns.Where(r => r.HeadSha == change.HeadSha).MaxBy(r => r.Id);
        return Task.FromResult(new PriorBotState
        {
            InlineComments = inline,
            Labels = _labels.ToList(),
            Summary = summary is null ? null : new PostedSummary(summary.Id, summary.Body),
            CheckRun = run is null ? null : new PostedCheckRun(run.Id, run.Completed, run.ExternalId, run.Annotations.Select(a => a.Key).ToHashSet(StringComparer.Ordinal)),
            RepliedTo = replied,
        });
    }

    public Task ApplyAsync(Change change, ReviewPlan plan, CancellationToken cancellationToken = default)
    {
        _applied.Add(plan);
        foreach (var c in plan.NewComments)
        {
            _inline.Add(new HostedInlineComment(_nextId++, c.Path, c.Line, c.Body));
        }

        foreach (var e in plan.CommentEdits)
        {
            var i = _inline.FindIndex(c => c.Id == e.CommentId);
            _inline[i] = _inline[i] with { Body = e.Body };
        }

        foreach (var l in plan.LabelsToAdd.Where(l => !_labels.Contains(l, StringComparer.OrdinalIgnoreCase)))
        {
            _labels.Add(l);
        }

        _labels.RemoveAll(l => plan.LabelsToRemove.Contains(l, StringComparer.OrdinalIgnoreCase));
        if (plan.Summary is { } s)
        {
            if (s.CommentId is { } id)
            {
                var i = _issueComments.FindIndex(c => c.Id == id);
                _issueComments[i] = _issueComments[i] with { Body = s.Body };
            }
            else
            {
                _issueComments.Add(new HostedIssueComment(_nextId++, s.Body));
            }
        }

        if (plan.CheckRun is { } run)
        {
            ApplyCheckRun(plan.HeadSha, run);
        }

        foreach (var r in plan.Replies)
        {
            _issueComments.Add(new HostedIssueComment(_nextId++, r.Body));
        }

        _reactions.AddRange(plan.Reactions);
        return Task.CompletedTask;
    }

    public Task FinishSupersededAsync(Change change, string oldHeadSha, CancellationToken cancellationToken = default)
    {
        _superseded.Add(oldHeadSha);
        return Task.CompletedTask;
    }

    public Task<RepositoryPermission> GetPermissionAsync(Change change, string login, CancellationToken cancellationToken = default) =>
        Task.FromResult(_permissions.TryGetValue(login, out var permission) ? permission : RepositoryPermission.None);

    private void ApplyCheckRun(string headSha, CheckRunChange run)
    {
        if (run.ExistingId is { } id)
        {
            // Finishing an unfinished run appends the missing annotations to it.
            var i = _checkRuns.FindIndex(r => r.Id == id);
            _checkRuns[i] = _checkRuns[i] with
            {
                Completed = true,
                Conclusion = run.Conclusion,
                ExternalId = run.ExternalId,
                Annotations = _checkRuns[i].Annotations.Concat(run.Annotations).ToList(),
            };
            return;
        }

        _checkRuns.Add(new HostedCheckRun(_nextId++, headSha, true, run.Conclusion, run.ExternalId, run.Annotations));
    }
}
