using KernelPrBot.Review.Model;
using KernelPrBot.Review.ModelStage;

namespace KernelPrBot.ModelReview;

/// <summary>Where the model stage's runs are kept, per pull request head and model.</summary>
public interface IModelStageStore
{
    Task<ModelStageRecord?> FindAsync(Change change, string model, CancellationToken cancellationToken);

    Task SaveAsync(Change change, ModelStageRecord record, CancellationToken cancellationToken);
}
