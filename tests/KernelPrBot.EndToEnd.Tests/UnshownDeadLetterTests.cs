using KernelPrBot.Hosting.Queues;
using KernelPrBot.Testing;
using KernelPrBot.Testing.FakeGitHub;
using Xunit;

namespace KernelPrBot.EndToEnd.Tests;

/// <summary>
/// A process killed after dead-lettering a job but before showing the failure on the pull request: the next server
/// on the same queue file shows it, once, even when the killed process had shown it already but not noted so.
/// </summary>
public sealed class UnshownDeadLetterTests
{
    [Fact]
    public async Task The_next_server_shows_a_dead_letter_the_killed_one_did_not_and_does_not_show_it_twice()
    {
        using var temp = new TempDirectory("unshown");
        await using var github = await FakeGitHubServer.StartAsync();
        var queue = temp.Combine("queue.db");
        var s = new PullRequestScenario(github);
        await using (var ingress = await BotServer.StartAsync(github, queue, "--KernelPrBot:Queue:Workers=0"))
        {
            using var http = new HttpClient();
            await GitHubWebhooks.PostAsync(http, ingress.GitHubWebhooks, GitHubWebhooks.PullRequest("opened", s.Repo, s.Pr, BotServer.Secret));
        }

        // What the killed worker got done: its last attempt failed and the job moved to the dead letters. Nothing more.
        var dying = new SqliteReviewQueue(new SqliteQueueOptions { Path = queue, MaxAttempts = 1 });
        var item = await dying.TryDequeueAsync();
        Assert.NotNull(item);
        Assert.True(await dying.FailAsync(item, "HttpRequestException: the forge went away", TimeSpan.Zero));
        Assert.Empty(s.Repo.CheckRuns());

        await using (var restarted = await BotServer.StartAsync(github, queue))
        {
            await Eventually.HoldsAsync(() => s.LatestCheckRun()?.Conclusion == "failure", "the dead letter shown by the next server", seconds: 30);
            await Eventually.HoldsAsync(async () => await QueueFile.PendingFailureReportsAsync(queue) == 0, "the report settled");
        }

        var run = Assert.Single(s.Repo.CheckRuns());
        Assert.Equal(("completed", "failure", $"{s.Number}:failed"), (run.Status, run.Conclusion, run.ExternalId));
        Assert.Contains("the forge went away", run.Output!.Summary, StringComparison.Ordinal);

        // A server killed after showing it but before noting so: the report is due again, and showing it is a no-op.
        Assert.Equal(1, await QueueFile.ExecuteAsync(queue, "INSERT INTO failure_reports (message_id, pr_key, due_at, tries) SELECT message_id, 'put back by the test', 0, 1 FROM dead_letters;"));
        await using (var again = await BotServer.StartAsync(github, queue))
        {
            await Eventually.HoldsAsync(async () => await QueueFile.PendingFailureReportsAsync(queue) == 0, "the repeated report settled");
        }

        Assert.Single(s.Repo.CheckRuns());
        github.AssertNoViolations();
    }
}
