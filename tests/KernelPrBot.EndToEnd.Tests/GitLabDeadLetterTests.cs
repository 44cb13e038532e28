using KernelPrBot.Testing.FakeGitHub;
using KernelPrBot.Testing.FakeGitLab;
using Xunit;

namespace KernelPrBot.EndToEnd.Tests;

/// <summary>A merge request GitLab never lets the bot read ends in the dead-letter table and as a failed status that says why.</summary>
public sealed class GitLabDeadLetterTests
{
    private const string Token = "gitlab-hook-secret";

    [Fact]
    public async Task A_job_that_keeps_failing_is_dead_lettered_and_the_commit_status_says_why()
    {
        await using var gitlab = await FakeGitLabServer.StartAsync();
        var project = gitlab.AddProject("acme/linux");
        var mr = project.OpenMergeRequest(7, "net: acme: rx buffer", "jane",
            new Dictionary<string, string> { [SampleDriver.DriverPath] = SampleDriver.Base },
            [new FakeCommit(SampleDriver.AddMessage, "Jane Developer", "jane@example.org", new Dictionary<string, string?> { [SampleDriver.DriverPath] = SampleDriver.Buggy })]);
        gitlab.Faults.Fail("GET", @"/merge_requests/7/diffs$", 500, times: int.MaxValue);
        var queue = Path.Combine(Path.GetTempPath(), $"kpb-gitlab-dead-{Guid.NewGuid():N}.db");
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
}
