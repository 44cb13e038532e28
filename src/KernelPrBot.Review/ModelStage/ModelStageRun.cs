using KernelPrBot.Checks.Claims;

namespace KernelPrBot.Review.ModelStage;

/// <summary>
/// What the model stage produced: the answers per patch (null when the model could not be asked), what it cost, the
/// tool calls it made, and what it skipped or where it failed (said in the summary). <see cref="FromCache"/> when the
/// answers were recorded for this head and model before.
/// </summary>
public sealed record ModelStageRun(ModelAnswers? Answers, ClaimUsage Usage, IReadOnlyList<ToolCallRecord> ToolCalls, IReadOnlyList<string> Notes, bool FromCache = false)
{
    public static ModelStageRun Failed(string why, ClaimUsage usage, IReadOnlyList<ToolCallRecord> calls) => new(null, usage, calls, [why]);
}
