using KernelPrBot.Review;
using KernelPrBot.Review.Analysis;

namespace KernelPrBot.Hosting.Settings;

public sealed class ReviewSettings
{
    public int MaxInlineComments { get; set; } = ReviewOptions.Default.MaxInlineComments;

    public int MaxAnnotations { get; set; } = ReviewOptions.Default.MaxAnnotations;

    /// <summary><c>Added</c>, <c>DiffContext</c> or <c>File</c>: which findings may become inline comments.</summary>
    public CommentScope CommentOn { get; set; } = ReviewOptions.Default.CommentOn;

    public bool DryRun { get; set; }

    public string CheckName { get; set; } = ReviewOptions.Default.CheckName;

    public string RuleDocsUrl { get; set; } = ReviewOptions.Default.RuleDocsUrl;

    public ReviewOptions ToOptions() => ReviewOptions.Default with
    {
        MaxInlineComments = Math.Max(0, MaxInlineComments),
        MaxAnnotations = Math.Max(0, MaxAnnotations),
        CommentOn = CommentOn,
        DryRun = DryRun,
        CheckName = string.IsNullOrWhiteSpace(CheckName) ? ReviewOptions.Default.CheckName : CheckName,
        RuleDocsUrl = RuleDocsUrl,
    };
}
