namespace KernelPrBot.Review.Planning;

/// <summary>Errors fail the check; warnings leave it neutral; nothing (or only notes) passes it.</summary>
public enum CheckConclusion
{
    Success,
    Neutral,
    Failure,
}
