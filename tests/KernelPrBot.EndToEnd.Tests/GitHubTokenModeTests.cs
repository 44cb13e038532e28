using System.Net;
using KernelPrBot.Testing;
using KernelPrBot.Testing.FakeGitHub;
using Xunit;

namespace KernelPrBot.EndToEnd.Tests;

/// <summary>Self-hosting with a plain token instead of an App: the status check is a commit status, the rest is the same.</summary>
public sealed class GitHubTokenModeTests
{
    private const string Token = "ghp_kernelprbot_test_token";

    [Fact]
    public async Task A_token_bot_reviews_with_a_commit_status_and_a_rerun_writes_nothing()
    {
        using var temp = new TempDirectory("token");
        await using var github = await FakeGitHubServer.StartAsync(new FakeGitHubOptions { PersonalToken = Token });
        var settings = BotServer.Settings(github, temp.Combine("queue.db"))
            .Where(s => !s.StartsWith("--KernelPrBot:GitHub:AppId", StringComparison.Ordinal) && !s.StartsWith("--KernelPrBot:GitHub:PrivateKey", StringComparison.Ordinal))
            .Append("--KernelPrBot:GitHub:Token=" + Token)
            .Append("--urls=http://127.0.0.1:0")
            .ToArray();
        var (app, url) = await Hosting.Server.KernelPrBotServer.StartAsync(settings);
        await using var _ = app;
        var s = new PullRequestScenario(github);
        Eventually.Diagnostics = () => string.Join("\n", github.Requests.TakeLast(25).Select(r => $"{r} {r.ResponseBody?[..Math.Min(200, r.ResponseBody.Length)]}")) + $"\nsummaries {s.Summaries().Count}";
        using var http = new HttpClient();
        var hooks = new Uri(url, "api/github/webhooks");

        Assert.Equal(HttpStatusCode.Accepted, (await GitHubWebhooks.PostAsync(http, hooks, GitHubWebhooks.PullRequest("opened", s.Repo, s.Pr, BotServer.Secret))).StatusCode);
        await Eventually.HoldsAsync(() => s.Repo.CommitStatuses(s.Pr.HeadSha).Any(c => c.Context == "KernelPrBot"), "commit status posted");
        await Eventually.HoldsAsync(() => s.Summaries().Count == 1, "summary posted");

        var status = s.Repo.CommitStatuses(s.Pr.HeadSha).Single(c => c.Context == "KernelPrBot");
        Assert.Equal("failure", status.State);
        Assert.Empty(s.Repo.CheckRuns());
        Assert.Equal(github.Options.PersonalTokenLogin, Assert.Single(s.Repo.ReviewComments(s.Number)).User.Login);
        var writes = github.Requests.Count(r => r.IsWrite);

        await GitHubWebhooks.PostAsync(http, hooks, GitHubWebhooks.PullRequest("reopened", s.Repo, s.Pr, BotServer.Secret));
        var before = github.Requests.Count;
        await Eventually.HoldsAsync(() => github.Requests.Skip(before).Any(r => r.Path.EndsWith("/statuses", StringComparison.Ordinal) || r.Path.EndsWith("/status", StringComparison.Ordinal)) || github.Requests.Count > before + 6, "second job read the state");
        await Task.Delay(500);

        Assert.Equal(writes, github.Requests.Count(r => r.IsWrite));
        github.AssertNoViolations();
    }
}
