using KernelPrBot.Review.Model;

namespace KernelPrBot.Review.ModelStage;

/// <summary>
/// The optional model-assisted stage: a model reviews the pull request's C changes with the kernel model as its tools
/// and answers in claims, which the analysis then verifies. Without one configured (the default) nothing of this runs.
/// </summary>
public interface IModelReviewer
{
    /// <summary>The model's name as every model-sourced line discloses it.</summary>
    string Model { get; }

    /// <summary>Reviews the change, or returns the answers recorded for this head and model before (no model call then).</summary>
    Task<ModelStageRun> ReviewAsync(ModelStageInput input, CancellationToken cancellationToken);

    /// <summary>What the stage did for the change's current head with this model, for <c>/kpb explain model</c>; null when it has not run.</summary>
    Task<ModelStageRecord?> FindRecordAsync(Change change, CancellationToken cancellationToken);

    /// <summary>Keeps the run with the analysis' verdicts, under the change's head and this model.</summary>
    Task SaveRecordAsync(Change change, ModelStageRecord record, CancellationToken cancellationToken);
}
