using KernelPrBot.Review.Analysis;

namespace KernelPrBot.Review;

/// <summary>Posting limits and choices (settings section <c>KernelPrBot:Review</c>).</summary>
public sealed record ReviewOptions
{
    public static ReviewOptions Default { get; } = new();

    /// <summary>Inline comments the bot keeps open at most; the rest are in the check run and summary.</summary>
    public int MaxInlineComments { get; init; } = 25;

    public int MaxAnnotations { get; init; } = 500;

    public CommentScope CommentOn { get; init; } = CommentScope.Added;

    /// <summary>Print the plan instead of posting it.</summary>
    public bool DryRun { get; init; }

    public string CheckName { get; init; } = "KernelPrBot";

    /// <summary>Where the rule help pages are published; a rule's page is this plus <c>&lt;id&gt;.md</c>.</summary>
    public string RuleDocsUrl { get; init; } = "https://github.com/kernel-pr-bot/kernel-pr-bot/blob/main/docs/rules/";

    /// <summary>Changed C files whose full text is fetched for context analysis, and their size cap.</summary>
    public int MaxSourceFiles { get; init; } = 100;

    public int MaxSourceBytes { get; init; } = 2 * 1024 * 1024;
}
