using System.Net;
using KernelPrBot.Testing;
using KernelPrBot.Testing.FakeGitHub;
using Xunit;

namespace KernelPrBot.EndToEnd.Tests;

/// <summary>A server process killed in the middle of a review loses nothing: a new process finishes the job exactly once.</summary>
public sealed class CrashRecoveryTests
{
    private static async Task<string> CleanRunAsync()
    {
        await using var github = await FakeGitHubServer.StartAsync();
        await using var bot = await BotServer.StartAsync(github);
        var s = new PullRequestScenario(github);
        using var http = new HttpClient();
        await GitHubWebhooks.PostAsync(http, bot.GitHubWebhooks, GitHubWebhooks.PullRequest("opened", s.Repo, s.Pr, BotServer.Secret));
        await Eventually.HoldsAsync(() => s.CheckCompleted(), "clean run finished");
        return s.StateFingerprint();
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(4)]
    public async Task Killing_the_server_after_some_writes_then_restarting_ends_in_the_clean_run_state(int writesBeforeKill)
    {
        var expected = await CleanRunAsync();
        await using var github = await FakeGitHubServer.StartAsync();
        using var temp = new TempDirectory("crash");
        var queuePath = temp.Combine("queue.db");
        var s = new PullRequestScenario(github);
        using var first = await BotProcess.StartAsync(github, queuePath);
        var writes = 0;
        var killed = new TaskCompletionSource();
        github.RequestCompleted += request =>
        {
            if (request.IsWrite && Interlocked.Increment(ref writes) == writesBeforeKill)
            {
                first.Kill();
                killed.TrySetResult();
            }
        };

        using var http = new HttpClient();
        var response = await GitHubWebhooks.PostAsync(http, first.GitHubWebhooks, GitHubWebhooks.PullRequest("opened", s.Repo, s.Pr, BotServer.Secret));
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        await killed.Task.WaitAsync(TimeSpan.FromSeconds(60));
        Assert.False(s.CheckCompleted(), "the job was stopped before it finished");
        first.Dispose();

        using var second = await BotProcess.StartAsync(github, queuePath);
        await Eventually.HoldsAsync(() => s.CheckCompleted(), "the restarted server finished the job", seconds: 60);

        Assert.Equal(expected, s.StateFingerprint());
        github.AssertNoViolations();
    }
}
