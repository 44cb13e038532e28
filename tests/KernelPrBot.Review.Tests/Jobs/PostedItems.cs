using KernelPrBot.Review.Planning;

namespace KernelPrBot.Review.Tests.Jobs;

/// <summary>An inline review comment as a forge stores it: only the body says which finding it is.</summary>
internal sealed record HostedInlineComment(long Id, string Path, int? Line, string Body);

/// <summary>A conversation comment (the summary, command replies) as a forge stores it.</summary>
internal sealed record HostedIssueComment(long Id, string Body);

/// <summary>A check run on one commit; the forge keeps every run, the newest one counts.</summary>
internal sealed record HostedCheckRun(
    long Id, string HeadSha, bool Completed, CheckConclusion Conclusion, string ExternalId, IReadOnlyList<PlannedAnnotation> Annotations);
