namespace KernelPrBot.Hosting.Queues;

/// <summary>
/// A dead letter whose stored text is not a review request, so it cannot be a <see cref="KernelPrBot.Hosting.Queues.DeadLetter"/>.
/// Kept for inspection; it is never requeued.
/// </summary>
public sealed record UnreadableDeadLetter(string MessageId, string Body, string Reason, DateTimeOffset FailedAt);
