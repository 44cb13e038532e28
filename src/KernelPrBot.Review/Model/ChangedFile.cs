namespace KernelPrBot.Review.Model;

/// <summary>
/// One file of a pull request's diff. <see cref="Patch"/> holds the unified-diff hunks without file headers
/// (as GitHub's files API and GitLab's diffs API give them); null when the forge omitted them (binary, too large).
/// </summary>
public sealed record ChangedFile(string Path, string? PreviousPath, ChangedFileStatus Status, string? Patch)
{
    public bool IsReviewable => Patch is not null;
}
