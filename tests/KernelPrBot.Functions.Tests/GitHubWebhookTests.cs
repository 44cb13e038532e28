using System.Diagnostics;
using KernelPrBot.Review.Model;
using KernelPrBot.Testing.Azurite;
using KernelPrBot.Testing.FakeGitHub;
using Microsoft.AspNetCore.Mvc;
using Xunit;
using Xunit.Abstractions;

namespace KernelPrBot.Functions.Tests;

/// <summary>The GitHubWebhook function called directly: verify, de-duplicate, enqueue one message on Azurite.</summary>
public sealed class GitHubWebhookTests(AzuriteFixture azurite, ITestOutputHelper output) : IClassFixture<AzuriteFixture>, IAsyncLifetime
{
    private FakeGitHubServer _github = null!;

    public async Task InitializeAsync() => _github = await FakeGitHubServer.StartAsync();

    public async Task DisposeAsync() => await _github.DisposeAsync();

    private async Task<FunctionsApp> StartAsync()
    {
        var app = new FunctionsApp(_github, azurite.ConnectionString);
        await app.ResetQueuesAsync();
        return app;
    }

    [AzuriteFact]
    public async Task A_signed_delivery_is_accepted_and_queued_exactly_once()
    {
        await using var app = await StartAsync();
        var s = new PullRequestScenario(_github);
        var delivery = GitHubWebhooks.PullRequest("opened", s.Repo, s.Pr, BotSettings.WebhookSecret);

        var clock = Stopwatch.StartNew();
        var first = Assert.IsType<ContentResult>(await app.GitHubWebhook.RunAsync(FunctionsApp.Request(delivery)));
        var firstMs = clock.Elapsed.TotalMilliseconds;
        clock.Restart();
        var again = Assert.IsType<ContentResult>(await app.GitHubWebhook.RunAsync(FunctionsApp.Request(delivery)));
        output.WriteLine($"GitHubWebhook on Azurite: first delivery {firstMs:F0} ms (creates queue and table), redelivery {clock.Elapsed.TotalMilliseconds:F0} ms");

        Assert.Equal(202, first.StatusCode);
        Assert.StartsWith("queued", first.Content, StringComparison.Ordinal);
        Assert.Equal(202, again.StatusCode);
        Assert.Contains("duplicate", again.Content, StringComparison.Ordinal);
        var message = Assert.Single((await app.Queue.PeekMessagesAsync(32)).Value);
        var request = ReviewRequestJson.Deserialize(message.Body.ToString());
        Assert.Equal((s.Repo.FullName, s.Number, s.Pr.HeadSha, delivery.DeliveryId), (request.Repository, request.Number, request.HeadSha, request.DeliveryId));
    }

    [AzuriteFact]
    public async Task A_badly_signed_delivery_is_refused_and_queues_nothing()
    {
        await using var app = await StartAsync();
        var s = new PullRequestScenario(_github);
        var delivery = GitHubWebhooks.PullRequest("opened", s.Repo, s.Pr, "not-the-secret");

        var result = Assert.IsType<ContentResult>(await app.GitHubWebhook.RunAsync(FunctionsApp.Request(delivery)));

        Assert.Equal(401, result.StatusCode);
        Assert.Empty((await app.Queue.PeekMessagesAsync(32)).Value);
    }
}
