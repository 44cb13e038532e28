using KernelPrBot.GitHub.Api;
using KernelPrBot.Review.Model;
using Octokit;

namespace KernelPrBot.GitHub;

public sealed partial class GitHubCodeHost
{
    /// <summary>The bot's check runs still in progress on the old head end as skipped, naming the head reviewed instead.</summary>
    public async Task FinishSupersededAsync(Change change, string oldHeadSha, CancellationToken cancellationToken = default)
    {
        if (!clients.UsesApp)
        {
            return; // with a token the status is written once, at the end: nothing is left in progress
        }

        var client = await clients.ForRepositoryAsync(change.Repository, null, cancellationToken).ConfigureAwait(false);
        var (owner, name) = RepositoryName.Split(change.Repository);
        foreach (var run in await UnfinishedCheckRunsAsync(client, owner, name, oldHeadSha, cancellationToken).ConfigureAwait(false))
        {
            await client.Check.Run.Update(owner, name, run.Id, new CheckRunUpdate
            {
                Status = CheckStatus.Completed,
                Conclusion = Octokit.CheckConclusion.Skipped,
                Output = new NewCheckRunOutput("Superseded by a newer push", $"KernelPrBot reviews {change.HeadSha} instead."),
            }).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// The bot's check runs on <paramref name="sha"/> that an attempt created and did not complete. The login is asked
    /// for, not taken if known: the first job after a restart may come here before anything else has learnt it.
    /// </summary>
    private async Task<IReadOnlyList<CheckRun>> UnfinishedCheckRunsAsync(IGitHubClient client, string owner, string name, string sha, CancellationToken cancellationToken) =>
        (await BotCheckRunsAsync(client, owner, name, sha, cancellationToken).ConfigureAwait(false)).Where(r => r.Status.StringValue != "completed").ToList();

    /// <summary>The bot's check runs on <paramref name="sha"/>, finished or not.</summary>
    private async Task<IReadOnlyList<CheckRun>> BotCheckRunsAsync(IGitHubClient client, string owner, string name, string sha, CancellationToken cancellationToken)
    {
        var bot = await clients.BotLoginAsync(cancellationToken).ConfigureAwait(false);
        var runs = await client.Check.Run.GetAllForReference(owner, name, sha, new CheckRunRequest { CheckName = options.CheckName }).ConfigureAwait(false);
        return runs.CheckRuns.Where(r => r.App is null || string.Equals(r.App.Slug + "[bot]", bot, StringComparison.OrdinalIgnoreCase)).ToList();
    }
}
