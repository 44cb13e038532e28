namespace KernelPrBot.GitLab.Api;

// The parts of GitLab REST v4 responses the bot reads; names follow GitLab's snake_case JSON.

public sealed record GitLabUser(long Id, string Username, string? Name = null, bool Bot = false);

public sealed record GitLabDiffRefs(string? BaseSha, string? HeadSha, string? StartSha);

public sealed record GitLabMergeRequest(
    long Id,
    int Iid,
    long ProjectId,
    string Title,
    string State,
    GitLabUser? Author,
    string? Sha,
    GitLabDiffRefs? DiffRefs,
    string? WebUrl,
    IReadOnlyList<string>? Labels,
    long? SourceProjectId,
    long? TargetProjectId);

public sealed record GitLabCommit(string Id, string? Message, string? AuthorName, string? AuthorEmail, DateTimeOffset? AuthoredDate);

public sealed record GitLabDiff(
    string OldPath,
    string NewPath,
    string? Diff,
    bool NewFile,
    bool RenamedFile,
    bool DeletedFile,
    bool Collapsed = false,
    bool TooLarge = false);

public sealed record GitLabVersion(long Id, string HeadCommitSha, string BaseCommitSha, string StartCommitSha, string? State);

public sealed record GitLabPosition(
    string? PositionType,
    string? BaseSha,
    string? StartSha,
    string? HeadSha,
    string? OldPath,
    string? NewPath,
    int? OldLine,
    int? NewLine);

public sealed record GitLabNote(long Id, string Body, GitLabUser? Author, bool System, GitLabPosition? Position, bool Resolvable = false, bool Resolved = false);

public sealed record GitLabDiscussion(string Id, IReadOnlyList<GitLabNote> Notes);

public sealed record GitLabCommitStatus(long Id, string Status, string? Name, string? Description);

public sealed record GitLabMember(long Id, string Username, int AccessLevel);
