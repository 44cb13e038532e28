using KernelPrBot.Testing;
using KernelPrBot.Testing.FakeGitHub;
using KernelPrBot.Testing.FakeGitLab;
using Xunit;

namespace KernelPrBot.EndToEnd.Tests;

/// <summary>
/// An attempt that marked a head "in progress" and failed, followed by a push before its retry: the retry skips the
/// old head, and must not leave the bot's status there unfinished for good (the chaos run found this).
/// </summary>
public sealed class SupersededHeadTests
{
    private const string GitLabToken = "gitlab-hook-secret";

    [Fact]
    public async Task GitHub_finishes_the_old_heads_check_run_as_skipped()
    {
        await using var github = await FakeGitHubServer.StartAsync();
        await using var bot = await BotServer.StartAsync(github);
        var s = new PullRequestScenario(github);
        var oldHead = s.Pr.HeadSha;
        github.Faults.Fail("POST", @"/pulls/\d+/reviews$", 500);
        github.RequestCompleted += r =>
        {
            if (r.Method == "POST" && r.Path.EndsWith("/reviews", StringComparison.Ordinal) && r.Status == 500)
            {
                s.PushFix(); // before the job's retry
            }
        };

        using var http = new HttpClient();
        await GitHubWebhooks.PostAsync(http, bot.GitHubWebhooks, GitHubWebhooks.PullRequest("opened", s.Repo, s.Pr, BotServer.Secret));
        await Eventually.HoldsAsync(() => s.Pr.HeadSha != oldHead && s.CheckCompleted(oldHead), "the old head's check run finished");
        await GitHubWebhooks.PostAsync(http, bot.GitHubWebhooks, GitHubWebhooks.PullRequest("synchronize", s.Repo, s.Pr, BotServer.Secret));
        await Eventually.HoldsAsync(() => s.CheckCompleted(), "the new head reviewed");

        var old = Assert.Single(s.Repo.CheckRuns(), r => r.HeadSha == oldHead);
        Assert.Equal(("completed", "skipped"), (old.Status, old.Conclusion));
        Assert.Contains(s.Pr.HeadSha, old.Output!.Summary, StringComparison.Ordinal);
        Assert.All(s.Repo.CheckRuns(), r => Assert.Equal("completed", r.Status));
        github.AssertNoViolations();
    }

    [Fact]
    public async Task GitHub_finishes_the_old_heads_check_run_when_the_first_job_after_a_restart_finds_it_superseded()
    {
        using var temp = new TempDirectory("superseded");
        await using var github = await FakeGitHubServer.StartAsync();
        var queuePath = temp.Combine("queue.db");
        var s = new PullRequestScenario(github);
        var oldHead = s.Pr.HeadSha;
        using var first = await BotProcess.StartAsync(github, queuePath);
        var killed = new TaskCompletionSource();
        github.RequestCompleted += r =>
        {
            if (r.Method == "POST" && r.Path.EndsWith("/check-runs", StringComparison.Ordinal) && !killed.Task.IsCompleted)
            {
                first.Kill();
                s.PushFix();
                killed.TrySetResult();
            }
        };

        using (var http = new HttpClient())
        {
            await GitHubWebhooks.PostAsync(http, first.GitHubWebhooks, GitHubWebhooks.PullRequest("opened", s.Repo, s.Pr, BotServer.Secret));
        }

        await killed.Task.WaitAsync(TimeSpan.FromSeconds(60));
        first.Dispose();
        using var second = await BotProcess.StartAsync(github, queuePath);
        await Eventually.HoldsAsync(() => s.CheckCompleted(oldHead), "the restarted server finished the old head's check run");

        var old = Assert.Single(s.Repo.CheckRuns(), r => r.HeadSha == oldHead);
        Assert.Equal("skipped", old.Conclusion);
        github.AssertNoViolations();
    }

    [Fact]
    public async Task GitLab_cancels_the_old_heads_running_status()
    {
        using var temp = new TempDirectory("gitlab-superseded");
        await using var gitlab = await FakeGitLabServer.StartAsync();
        var project = gitlab.AddProject("acme/linux");
        var mr = project.OpenMergeRequest(5, "net: acme: rx buffer", "jane",
            new Dictionary<string, string> { [SampleDriver.DriverPath] = SampleDriver.Base },
            [new FakeCommit(SampleDriver.AddMessage, "Jane Developer", "jane@example.org", new Dictionary<string, string?> { [SampleDriver.DriverPath] = SampleDriver.Buggy })]);
        var oldHead = mr.HeadSha;
        gitlab.Faults.Fail("POST", @"/merge_requests/5/discussions$", 500);
        gitlab.RequestCompleted += r =>
        {
            if (r.Method == "POST" && r.Path.EndsWith("/discussions", StringComparison.Ordinal) && r.Status == 500)
            {
                project.Push(mr, new FakeCommit(SampleDriver.FixMessage, "Jane Developer", "jane@example.org",
                    new Dictionary<string, string?> { [SampleDriver.DriverPath] = SampleDriver.Fixed }));
            }
        };

        await using var bot = await BotServer.StartGitLabAsync(gitlab.BaseUrl, gitlab.Options.BotToken, GitLabToken, temp.Combine("queue.db"));
        var hooks = new Uri(bot.Url, "api/gitlab/webhooks");
        using var http = new HttpClient();
        await GitLabWebhooks.PostAsync(http, hooks, GitLabWebhooks.MergeRequest("open", project, mr, GitLabToken));
        FakeStatus? StatusOn(string sha) => project.Statuses(sha).FirstOrDefault(x => x.Name == "KernelPrBot");
        await Eventually.HoldsAsync(() => StatusOn(oldHead)?.State == "canceled", "the old head's status canceled");
        await GitLabWebhooks.PostAsync(http, hooks, GitLabWebhooks.MergeRequest("update", project, mr, GitLabToken));
        await Eventually.HoldsAsync(() => StatusOn(mr.HeadSha)?.State is "success" or "failed", "the new head reviewed");

        Assert.Equal(["running", "canceled"], StatusOn(oldHead)!.History);
        Assert.Contains(mr.HeadSha, StatusOn(oldHead)!.Description, StringComparison.Ordinal);
        gitlab.AssertNoViolations();
    }
}
