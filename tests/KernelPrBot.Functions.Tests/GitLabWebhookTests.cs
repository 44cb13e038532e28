using KernelPrBot.Review.Model;
using KernelPrBot.Testing.Azurite;
using KernelPrBot.Testing.FakeGitHub;
using KernelPrBot.Testing.FakeGitLab;
using Microsoft.AspNetCore.Mvc;
using Xunit;

namespace KernelPrBot.Functions.Tests;

/// <summary>The GitLabWebhook function called directly: token, map, de-duplicate, one message on Azurite; 200 for hooks it skips.</summary>
public sealed class GitLabWebhookTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>, IAsyncLifetime
{
    private const string Token = "gitlab-hook-secret";
    private FakeGitHubServer _github = null!;
    private FakeGitLabServer _gitlab = null!;

    public async Task InitializeAsync()
    {
        _github = await FakeGitHubServer.StartAsync();
        _gitlab = await FakeGitLabServer.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _gitlab.DisposeAsync();
        await _github.DisposeAsync();
    }

    [AzuriteFact]
    public async Task A_merge_request_hook_is_queued_once_and_a_wrong_token_or_a_label_edit_queues_nothing()
    {
        await using var app = new FunctionsApp(_github, azurite.ConnectionString,
            "--KernelPrBot:GitLab:Url=" + _gitlab.BaseUrl, "--KernelPrBot:GitLab:Token=" + _gitlab.Options.BotToken, "--KernelPrBot:GitLab:WebhookSecret=" + Token);
        await app.ResetQueuesAsync();
        var project = _gitlab.AddProject("acme/linux");
        var mr = project.OpenMergeRequest(5, "t", "jane", new Dictionary<string, string> { [SampleDriver.DriverPath] = SampleDriver.Base },
            [new FakeCommit(SampleDriver.AddMessage, "Jane Developer", "jane@example.org", new Dictionary<string, string?> { [SampleDriver.DriverPath] = SampleDriver.Buggy })]);
        var open = GitLabWebhooks.MergeRequest("open", project, mr, Token, idempotencyKey: "k-1");
        var wrong = GitLabWebhooks.MergeRequest("open", project, mr, "guess");
        var labels = GitLabWebhooks.MergeRequest("update", project, mr, Token, withOldrev: false);

        var first = await RunAsync(app, open);
        var again = await RunAsync(app, open);
        var refused = await RunAsync(app, wrong);
        var skipped = await RunAsync(app, labels);

        Assert.Equal((202, 202, 401, 200), (first.StatusCode, again.StatusCode, refused.StatusCode, skipped.StatusCode));
        Assert.Contains("duplicate", again.Content, StringComparison.Ordinal);
        var message = Assert.Single((await app.Queue.PeekMessagesAsync(32)).Value);
        var request = ReviewRequestJson.Deserialize(message.Body.ToString());
        Assert.Equal((ForgeKind.GitLab, project.Id, 5, mr.HeadSha), (request.Forge, request.RepositoryId!.Value, request.Number, request.HeadSha));
    }

    private static async Task<ContentResult> RunAsync(FunctionsApp app, GitLabDelivery delivery) =>
        Assert.IsType<ContentResult>(await app.GitLabWebhook.RunAsync(FunctionsApp.Request("/api/gitlab/webhooks", delivery.Body, delivery.Headers)));
}
