namespace KernelPrBot.Review.Model;

/// <summary>
/// What ingress puts on the queue: a few hundred bytes that name the change, never the webhook payload.
/// The job fetches everything else from the forge, so a stale or replayed request still reviews the current state.
/// </summary>
public sealed record ReviewRequest
{
    public required ForgeKind Forge { get; init; }

    /// <summary>"owner/name" on GitHub, the project path on GitLab.</summary>
    public required string Repository { get; init; }

    /// <summary>The numeric project id on GitLab; the repository id on GitHub.</summary>
    public long? RepositoryId { get; init; }

    /// <summary>Pull request number (GitLab: merge request iid).</summary>
    public required int Number { get; init; }

    /// <summary>The head the event was about; null when the event does not say (comments).</summary>
    public string? HeadSha { get; init; }

    public required ReviewTrigger Trigger { get; init; }

    /// <summary>The forge's delivery id (GitHub X-GitHub-Delivery, GitLab Idempotency-Key or event UUID).</summary>
    public required string DeliveryId { get; init; }

    /// <summary>The login of whoever caused the event.</summary>
    public string? Requester { get; init; }

    /// <summary>GitHub App installation that received the event.</summary>
    public long? InstallationId { get; init; }

    /// <summary>For <see cref="ReviewTrigger.Command"/>: the command text as written, and the comment it came from.</summary>
    public string? CommandText { get; init; }

    public long? CommentId { get; init; }
}
