using KernelPrBot.Review.Model;

namespace KernelPrBot.Hosting.Queues;

/// <summary>A claimed failure report: the dead-lettered request, its last error, and which try of the report this is.</summary>
public sealed record PendingFailureReport(string MessageId, ReviewRequest Request, string Reason, int Try, int MaxTries);
