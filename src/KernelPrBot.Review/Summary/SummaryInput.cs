using KernelPrBot.Checks.Rules;
using KernelPrBot.Review.Model;
using KernelPrBot.Review.Planning;

namespace KernelPrBot.Review.Summary;

/// <summary>Everything the summary comment shows. Rendering is a pure function of it (no clock), so an unchanged PR renders the same text.</summary>
public sealed record SummaryInput
{
    public required Change Change { get; init; }

    public required CheckConclusion Conclusion { get; init; }

    /// <summary>Findings that count (ignored rules removed), sorted most severe first.</summary>
    public required IReadOnlyList<Finding> Findings { get; init; }

    public IReadOnlyList<IgnoreEntry> Ignores { get; init; } = [];

    /// <summary>How many findings each ignored rule hid.</summary>
    public IReadOnlyDictionary<string, int> IgnoredCounts { get; init; } = new Dictionary<string, int>();

    /// <summary>What could not be checked, and why (limits, skipped files, config problems).</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];

    /// <summary>For kernel mirrors: the <c>git send-email</c> line with the MAINTAINERS recipients, when the server has the file.</summary>
    public string? SendEmailCommand { get; init; }

    public required ReviewOptions Options { get; init; }

    /// <summary>The model stage's outcome, when it ran (null with the stage off: the summary is then as without it).</summary>
    public ModelStage.ModelStageSummary? ModelStage { get; init; }
}
