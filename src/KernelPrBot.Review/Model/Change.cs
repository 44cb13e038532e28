namespace KernelPrBot.Review.Model;

/// <summary>A pull request as the job sees it: who, which commits, which files, and what could not be fetched.</summary>
public sealed record Change
{
    public required ForgeKind Forge { get; init; }

    public required string Repository { get; init; }

    public long? RepositoryId { get; init; }

    public required int Number { get; init; }

    public string Title { get; init; } = string.Empty;

    /// <summary>The login of the pull request's author.</summary>
    public string? Author { get; init; }

    public required string BaseSha { get; init; }

    public required string HeadSha { get; init; }

    /// <summary>The repository the head commits live in; differs from <see cref="Repository"/> for a fork.</summary>
    public string? HeadRepository { get; init; }

    public bool IsFork => HeadRepository is not null && !string.Equals(HeadRepository, Repository, StringComparison.OrdinalIgnoreCase);

    public bool IsOpen { get; init; } = true;

    /// <summary>
    /// The commit the forge's diff starts from when it differs from <see cref="BaseSha"/> (GitLab's <c>start_sha</c>,
    /// which positioned comments must name); null when the forge does not say.
    /// </summary>
    public string? DiffStartSha { get; init; }

    /// <summary>The labels on the pull request when fetching it gave them; null when the host reads them separately.</summary>
    public IReadOnlyList<string>? Labels { get; init; }

    public IReadOnlyList<ChangeCommit> Commits { get; init; } = [];

    public IReadOnlyList<ChangedFile> Files { get; init; } = [];

    /// <summary>What the forge would not give in full (commit or file limits); the summary repeats these.</summary>
    public IReadOnlyList<string> Limits { get; init; } = [];

    public string? WebUrl { get; init; }
}
