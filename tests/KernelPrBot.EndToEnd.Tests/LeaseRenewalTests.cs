using KernelPrBot.Testing.FakeGitHub;
using Xunit;

namespace KernelPrBot.EndToEnd.Tests;

/// <summary>A review that outlives the queue's visibility timeout keeps its lease: no second worker takes it.</summary>
[Collection(nameof(TimingSensitive))]
public sealed class LeaseRenewalTests : GitHubBotTest
{
    [Fact]
    public async Task A_job_slower_than_the_visibility_timeout_keeps_its_lease_and_posts_once()
    {
        var s = new PullRequestScenario(GitHub);
        // The test settings give a 3 s visibility timeout; the stall holds the job for more than twice that.
        GitHub.Faults.Delay("GET", @"/pulls/\d+/files$", TimeSpan.FromSeconds(7));

        await DeliverAsync(GitHubWebhooks.PullRequest("opened", s.Repo, s.Pr, BotServer.Secret));
        await Eventually.HoldsAsync(() => s.CheckCompleted(), "slow review done");
        await Task.Delay(1000);

        Assert.Single(s.Repo.CheckRuns());
        Assert.Single(s.Repo.Reviews(s.Number));
        Assert.Equal(1, GitHub.Requests.Count(r => r.Method == "GET" && r.Path.EndsWith("/files", StringComparison.Ordinal)));
    }
}
