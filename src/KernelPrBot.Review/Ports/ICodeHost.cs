using KernelPrBot.Review.Model;
using KernelPrBot.Review.Planning;

namespace KernelPrBot.Review.Ports;

/// <summary>
/// What a review job needs from a forge. Kept small; what only some forges can do lives in capability
/// interfaces (<see cref="IPermissionSource"/>, <see cref="IFailureReporter"/>) that a host may also implement.
/// </summary>
public interface ICodeHost
{
    ForgeKind Forge { get; }

    /// <summary>The pull request now: commits, changed files with their hunks, base and head.</summary>
    Task<Change> GetChangeAsync(ReviewRequest request, CancellationToken cancellationToken = default);

    /// <summary>A file at a commit, as text; null when it does not exist there.</summary>
    Task<string?> GetFileTextAsync(Change change, string path, string sha, CancellationToken cancellationToken = default);

    /// <summary>What the bot posted on this pull request before (found by its hidden markers).</summary>
    Task<PriorBotState> GetPriorStateAsync(Change change, CancellationToken cancellationToken = default);

    /// <summary>Posts and edits what the plan says, in an order that a retry after a crash can complete.</summary>
    Task ApplyAsync(Change change, ReviewPlan plan, CancellationToken cancellationToken = default);
}
