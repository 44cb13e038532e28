namespace KernelPrBot.Review.Model;

/// <summary>Why a review job exists: a change to the pull request, a re-run button, or a slash command.</summary>
public enum ReviewTrigger
{
    Opened,
    Synchronize,
    Reopened,
    ReadyForReview,
    Rerequested,
    Command,
}
