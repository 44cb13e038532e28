using KernelPrBot.Checks.Claims;
using KernelPrBot.Checks.Claims.Verification;

namespace KernelPrBot.Review.ModelStage;

/// <summary>One run of the model stage as kept per head and model: the run and each claim's verdict.</summary>
public sealed record ModelStageRecord(string Model, string HeadSha, ModelStageRun Run, IReadOnlyList<VerifiedClaim> Verdicts, IReadOnlyList<string> Dropped);
