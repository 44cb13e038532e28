using System.Net;
using KernelPrBot.Testing.FakeGitHub;
using Xunit;

namespace KernelPrBot.EndToEnd.Tests;

/// <summary>A review that outlives the queue's visibility timeout keeps its lease: no second worker takes it.</summary>
[Collection(nameof(TimingSensitive))]
public sealed class LeaseRenewalTests : IAsyncLifetime, IDisposable
{
    private FakeGitHubServer _github = null!;
    private BotServer _bot = null!;
    private readonly HttpClient _http = new();

    public async Task InitializeAsync()
    {
        _github = await FakeGitHubServer.StartAsync();
        _bot = await BotServer.StartAsync(_github);
    }

    public async Task DisposeAsync()
    {
        await _bot.DisposeAsync();
        await _github.DisposeAsync();
    }

    public void Dispose() => _http.Dispose();

    [Fact]
    public async Task A_job_slower_than_the_visibility_timeout_keeps_its_lease_and_posts_once()
    {
        var s = new PullRequestScenario(_github);
        // The test settings give a 3 s visibility timeout; the stall holds the job for more than twice that.
        _github.Faults.Delay("GET", @"/pulls/\d+/files$", TimeSpan.FromSeconds(7));

        var response = await GitHubWebhooks.PostAsync(_http, _bot.GitHubWebhooks, GitHubWebhooks.PullRequest("opened", s.Repo, s.Pr, BotServer.Secret));
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        await Eventually.HoldsAsync(() => s.CheckCompleted(), "slow review done");
        await Task.Delay(1000);

        Assert.Single(s.Repo.CheckRuns());
        Assert.Single(s.Repo.Reviews(s.Number));
        Assert.Equal(1, _github.Requests.Count(r => r.Method == "GET" && r.Path.EndsWith("/files", StringComparison.Ordinal)));
    }
}
