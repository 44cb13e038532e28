using KernelPrBot.Review.Model;

namespace KernelPrBot.GitLab;

public sealed partial class GitLabCodeHost
{
    /// <summary>The bot's status still running on the old head is canceled, naming the head reviewed instead.</summary>
    public async Task FinishSupersededAsync(Change change, string oldHeadSha, CancellationToken cancellationToken = default)
    {
        var project = ProjectOf(change);
        var statuses = await client.StatusesAsync(project, oldHeadSha, cancellationToken).ConfigureAwait(false);
        if (statuses.Where(s => s.Name == options.CheckName).MaxBy(s => s.Id)?.Status is "running" or "pending")
        {
            await client.SetStatusAsync(project, oldHeadSha, "canceled", options.CheckName,
                Clip($"Superseded by a newer push: KernelPrBot reviews {change.HeadSha} instead", MaxDescription), null, cancellationToken).ConfigureAwait(false);
        }
    }
}
