namespace KernelPrBot.Testing.FakeGitLab;

// Immutable snapshots of the fake's state, handed to tests for assertions.

/// <summary>A merge request diff version (one per push); the API lists them latest first.</summary>
public sealed record FakeVersion(long Id, string HeadCommitSha, string BaseCommitSha, string StartCommitSha, DateTimeOffset CreatedAt, int RealSize);

/// <summary>A diff note's position. Line numbers are null where GitLab leaves them out (added: no old line; removed: no new line).</summary>
public sealed record FakePosition(string PositionType, string BaseSha, string StartSha, string HeadSha, string? OldPath, string? NewPath, int? OldLine, int? NewLine);

/// <summary><see cref="Type"/> is GitLab's note type: null (plain), DiscussionNote or DiffNote.</summary>
public sealed record FakeNote(
    long Id,
    int Iid,
    string DiscussionId,
    string? Type,
    string Author,
    string Body,
    bool System,
    FakePosition? Position,
    bool Resolvable,
    bool Resolved,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt);

public sealed record FakeDiscussion(string Id, int Iid, bool IndividualNote, bool Resolvable, bool Resolved, IReadOnlyList<FakeNote> Notes);

/// <summary>A commit status by name on one SHA: the latest job's fields plus every state it went through (all jobs, oldest first).</summary>
public sealed record FakeStatus(
    long Id,
    string Sha,
    string Name,
    string State,
    string? Description,
    string? TargetUrl,
    string? Ref,
    string Author,
    IReadOnlyList<string> History);

public sealed record FakeAwardEmoji(long Id, long NoteId, string Name, string User, DateTimeOffset CreatedAt);
