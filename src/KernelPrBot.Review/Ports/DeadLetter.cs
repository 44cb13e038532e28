using KernelPrBot.Review.Model;

namespace KernelPrBot.Review.Ports;

public sealed record DeadLetter(string MessageId, ReviewRequest Request, int Attempts, string Reason, DateTimeOffset FailedAt);
