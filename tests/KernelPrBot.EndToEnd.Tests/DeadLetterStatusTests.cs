using KernelPrBot.Testing;
using KernelPrBot.Testing.FakeGitHub;
using KernelPrBot.Testing.FakeGitLab;
using Xunit;

namespace KernelPrBot.EndToEnd.Tests;

/// <summary>
/// A job that fails on every attempt ends in the dead-letter table and as a failed status on the pull request that says
/// why (GitHub's plain case, failing before any write, is in <see cref="GitHubReviewTests"/>).
/// </summary>
public sealed class DeadLetterStatusTests
{
    private const string Token = "gitlab-hook-secret";

    [Fact]
    public async Task A_GitLab_job_that_keeps_failing_is_dead_lettered_and_the_commit_status_says_why()
    {
        using var temp = new TempDirectory("gitlab-dead");
        await using var gitlab = await FakeGitLabServer.StartAsync();
        var project = gitlab.AddProject("acme/linux");
        var mr = project.OpenMergeRequest(7, "net: acme: rx buffer", "jane",
            new Dictionary<string, string> { [SampleDriver.DriverPath] = SampleDriver.Base },
            [new FakeCommit(SampleDriver.AddMessage, "Jane Developer", "jane@example.org", new Dictionary<string, string?> { [SampleDriver.DriverPath] = SampleDriver.Buggy })]);
        gitlab.Faults.Fail("GET", @"/merge_requests/7/diffs$", 500, times: int.MaxValue);
        var queue = temp.Combine("queue.db");
        await using (var bot = await BotServer.StartGitLabAsync(gitlab.BaseUrl, gitlab.Options.BotToken, Token, queue, null,
            "--KernelPrBot:Queue:MaxAttempts=2", "--KernelPrBot:Http:MaxRetries=1", "--KernelPrBot:Http:BaseDelay=00:00:00.050"))
        {
            using var http = new HttpClient();
            await GitLabWebhooks.PostAsync(http, new Uri(bot.Url, "api/gitlab/webhooks"), GitLabWebhooks.MergeRequest("open", project, mr, Token));
            await Eventually.HoldsAsync(() => project.Statuses(mr.HeadSha).Any(s => s.State == "failed"), "failure reported on the MR", seconds: 45);
        }

        var reason = Assert.Single(await QueueFile.DeadLetterReasonsAsync(queue));
        Assert.Contains("500", reason, StringComparison.Ordinal);
        var status = Assert.Single(project.Statuses(mr.HeadSha));
        Assert.Equal(("KernelPrBot", "failed"), (status.Name, status.State));
        Assert.StartsWith("KernelPrBot could not finish its review: ", status.Description, StringComparison.Ordinal);
        Assert.Contains(reason[..Math.Min(reason.Length, 100)], status.Description, StringComparison.Ordinal);
        gitlab.AssertNoViolations();
    }

    [Fact]
    public async Task A_GitHub_job_that_fails_after_creating_its_check_run_fails_that_run_instead_of_leaving_it_in_progress()
    {
        using var temp = new TempDirectory("github-dead");
        await using var github = await FakeGitHubServer.StartAsync();
        var queue = temp.Combine("queue.db");
        await using var bot = await BotServer.StartAsync(github, queue);
        var s = new PullRequestScenario(github);
        github.Faults.Fail("POST", @"/pulls/\d+/reviews$", 500, times: int.MaxValue);

        using var http = new HttpClient();
        await GitHubWebhooks.PostAsync(http, bot.GitHubWebhooks, GitHubWebhooks.PullRequest("opened", s.Repo, s.Pr, BotServer.Secret));
        await Eventually.HoldsAsync(() => s.LatestCheckRun()?.Conclusion == "failure", "failure reported on the PR", seconds: 45);

        var reason = Assert.Single(await QueueFile.DeadLetterReasonsAsync(queue));
        var run = Assert.Single(s.Repo.CheckRuns());
        Assert.Equal(("completed", "failure", $"{s.Number}:failed"), (run.Status, run.Conclusion, run.ExternalId));
        Assert.Equal("KernelPrBot could not finish its review", run.Output!.Title);
        Assert.Contains(reason[..Math.Min(reason.Length, 100)], run.Output.Summary, StringComparison.Ordinal);
        github.AssertNoViolations();
    }
}
