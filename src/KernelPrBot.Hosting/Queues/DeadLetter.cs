using KernelPrBot.Review.Model;

namespace KernelPrBot.Hosting.Queues;

public sealed record DeadLetter(string MessageId, ReviewRequest Request, int Attempts, string Reason, DateTimeOffset FailedAt);
