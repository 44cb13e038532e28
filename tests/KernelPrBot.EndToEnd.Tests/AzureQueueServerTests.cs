using System.Net;
using KernelPrBot.Testing.Azurite;
using KernelPrBot.Testing.FakeGitHub;
using Xunit;

namespace KernelPrBot.EndToEnd.Tests;

/// <summary>The self-hosted server on the Azure Storage queue (Queue:Kind=azure, Azurite) reviews like it does on SQLite.</summary>
public sealed class AzureQueueServerTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [AzuriteFact]
    public async Task A_delivery_is_queued_on_Azure_storage_reviewed_and_its_redelivery_ignored()
    {
        await using var github = await FakeGitHubServer.StartAsync();
        await using var bot = await BotServer.StartAsync(github, null,
            "--KernelPrBot:Queue:Kind=azure", "--KernelPrBot:Queue:ConnectionString=" + azurite.ConnectionString, "--Logging:LogLevel:Default=Warning");
        using var http = new HttpClient();
        var s = new PullRequestScenario(github);
        var delivery = GitHubWebhooks.PullRequest("opened", s.Repo, s.Pr, BotServer.Secret);

        using var first = await GitHubWebhooks.PostAsync(http, bot.GitHubWebhooks, delivery);
        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        await Eventually.HoldsAsync(() => s.CheckCompleted(), "review done through the Azure queue");
        using var again = await GitHubWebhooks.PostAsync(http, bot.GitHubWebhooks, delivery);

        Assert.Contains("duplicate", await again.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Single(s.Repo.Reviews(s.Number));
        Assert.Equal("failure", s.LatestCheckRun()!.Conclusion);
        Assert.False(File.Exists(bot.QueuePath), "no SQLite file when the azure queue is chosen");
        github.AssertNoViolations();
    }
}
