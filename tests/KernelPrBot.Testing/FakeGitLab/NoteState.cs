namespace KernelPrBot.Testing.FakeGitLab;

/// <summary>A discussion as stored: every note lives in one (a plain note is an "individual note" discussion, as in GitLab).</summary>
internal sealed class DiscussionState
{
    public required string Id { get; init; }

    public required int Iid { get; init; }

    public required bool IndividualNote { get; init; }

    public bool Resolvable { get; init; }

    public bool Resolved { get; set; }

    public string? ResolvedBy { get; set; }

    public List<NoteState> Notes { get; } = [];

    public FakeDiscussion Snapshot() => new(Id, Iid, IndividualNote, Resolvable, Resolved, Notes.Select(n => n.Snapshot(this)).ToList());
}

internal sealed class NoteState
{
    public required long Id { get; init; }

    public required string Author { get; init; }

    public required string Body { get; set; }

    public bool System { get; init; }

    public string? Type { get; init; }

    public FakePosition? Position { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public required DateTimeOffset UpdatedAt { get; set; }

    public FakeNote Snapshot(DiscussionState d) =>
        new(Id, d.Iid, d.Id, Type, Author, Body, System, Position, d.Resolvable && !System, d.Resolved, CreatedAt, UpdatedAt);
}

/// <summary>One commit-status job. GitLab starts a new job when a finished status of the same name is posted again.</summary>
internal sealed class StatusJob
{
    public required long Id { get; init; }

    public required string Sha { get; init; }

    public required string Name { get; init; }

    public required string State { get; set; }

    public string? Description { get; set; }

    public string? TargetUrl { get; set; }

    public string? Ref { get; set; }

    public double? Coverage { get; set; }

    public required string Author { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset? StartedAt { get; set; }

    public DateTimeOffset? FinishedAt { get; set; }

    /// <summary>Every state this job was in, oldest first.</summary>
    public List<string> History { get; } = [];

    public bool IsActive => State is "pending" or "running";
}
