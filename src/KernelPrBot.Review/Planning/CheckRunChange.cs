namespace KernelPrBot.Review.Planning;

/// <summary>
/// The status check to write. <see cref="ExistingId"/> set: finish that unfinished run (a previous attempt
/// died), appending only <see cref="Annotations"/>; null: create a new run. <see cref="ExternalId"/> carries the
/// pull request number (fork re-runs send no pull request) and a hash of the result, so an unchanged re-run is a no-op.
/// </summary>
public sealed record CheckRunChange(
    long? ExistingId,
    string Name,
    CheckConclusion Conclusion,
    string Title,
    string Summary,
    IReadOnlyList<PlannedAnnotation> Annotations,
    string ExternalId);
