using KernelPrBot.Review.Model;

namespace KernelPrBot.Review.Ports;

/// <summary>
/// Finishes the bot's own unfinished status on a head that a newer push replaced. An attempt that died after
/// marking the old head "in progress" would otherwise leave it so for good: its retry skips the old head.
/// </summary>
public interface ISupersededHeads
{
    Task FinishSupersededAsync(Change change, string oldHeadSha, CancellationToken cancellationToken = default);
}
