using KernelPrBot.Review.Planning;

namespace KernelPrBot.Review.Jobs;

/// <summary>What a job did: applied (or, in a dry run, only planned) a plan, or skipped the request and why.</summary>
public sealed record ReviewOutcome(ReviewOutcomeKind Kind, string Message, ReviewPlan? Plan = null, int FindingCount = 0)
{
    public static ReviewOutcome Skipped(string why) => new(ReviewOutcomeKind.Skipped, why);
}

public enum ReviewOutcomeKind
{
    Applied,
    Planned,
    Skipped,
}
