namespace KernelPrBot.Testing.FakeGitHub;

// Immutable snapshots of the fake's state, handed to tests for assertions.

public sealed record FakeUser(string Login, string Type);

public sealed record FakeIssueComment(long Id, int Number, FakeUser User, string Body, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

public sealed record FakeReviewComment(
    long Id,
    int Number,
    long ReviewId,
    string CommitId,
    string Path,
    int Line,
    string Side,
    int? StartLine,
    string? StartSide,
    string Body,
    FakeUser User,
    string DiffHunk,
    int? Position,
    long? InReplyToId,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt);

/// <summary>A submitted review; <see cref="State"/> is GitHub's: COMMENTED, APPROVED, CHANGES_REQUESTED or PENDING.</summary>
public sealed record FakeReview(long Id, int Number, string CommitId, string State, string? Body, FakeUser User, DateTimeOffset SubmittedAt, IReadOnlyList<long> CommentIds);

public sealed record FakeAnnotation(
    string Path,
    int StartLine,
    int EndLine,
    int? StartColumn,
    int? EndColumn,
    string AnnotationLevel,
    string Message,
    string? Title,
    string? RawDetails);

public sealed record FakeCheckAction(string Label, string Description, string Identifier);

public sealed record FakeCheckOutput(string? Title, string? Summary, string? Text);

public sealed record FakeCheckRun(
    long Id,
    string Name,
    string HeadSha,
    string Status,
    string? Conclusion,
    string? ExternalId,
    string? DetailsUrl,
    FakeCheckOutput? Output,
    IReadOnlyList<FakeAnnotation> Annotations,
    IReadOnlyList<FakeCheckAction> Actions,
    DateTimeOffset? StartedAt,
    DateTimeOffset? CompletedAt,
    DateTimeOffset CreatedAt,
    long CheckSuiteId);

public sealed record FakeReaction(long Id, long CommentId, FakeUser User, string Content, DateTimeOffset CreatedAt);

public sealed record FakeCommitStatus(long Id, string Sha, string State, string Context, string? Description, string? TargetUrl, FakeUser Creator, DateTimeOffset CreatedAt);

public sealed record FakeLabel(long Id, string Name, string Color);
