using KernelPrBot.Checks.Rules;
using KernelPrBot.Review.Analysis;
using KernelPrBot.Review.Model;

namespace KernelPrBot.Review.Planning;

public sealed record PlannerInput
{
    public required Change Change { get; init; }

    public required IReadOnlyList<Finding> Findings { get; init; }

    public required DiffFilter Diff { get; init; }

    public required PriorBotState Prior { get; init; }

    public IReadOnlyList<IgnoreEntry> Ignores { get; init; } = [];

    public IReadOnlyList<string> Notes { get; init; } = [];

    public string? SendEmailCommand { get; init; }

    public ReviewOptions Options { get; init; } = ReviewOptions.Default;

    /// <summary>The model stage's outcome for the summary; null with the stage off.</summary>
    public ModelStage.ModelStageSummary? ModelStage { get; init; }
}
