using KernelPrBot.Checks.Patches;
using KernelPrBot.Checks.Source;
using KernelPrBot.Review.Jobs;
using KernelPrBot.Review.Model;

namespace KernelPrBot.Review.ModelStage;

/// <summary>What the model reviews: the change, its commits as patches, the patched files the job fetched, and the trusted tree's inputs.</summary>
public sealed record ModelStageInput(
    Change Change,
    PatchSeries Series,
    IReadOnlyDictionary<(int Patch, string Path), FileImages>? Images,
    ReviewEnvironment Environment);
