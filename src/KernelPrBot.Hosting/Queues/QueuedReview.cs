using KernelPrBot.Review.Model;

namespace KernelPrBot.Hosting.Queues;

/// <summary>A leased queue item. <see cref="Receipt"/> identifies this lease; <see cref="Attempt"/> counts from 1.</summary>
public sealed record QueuedReview(string MessageId, string Receipt, ReviewRequest Request, int Attempt, int MaxAttempts)
{
    public bool IsLastAttempt => Attempt >= MaxAttempts;
}
