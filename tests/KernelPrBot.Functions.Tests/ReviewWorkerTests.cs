using Azure.Storage.Queues.Models;
using KernelPrBot.Hosting.Server;
using KernelPrBot.Testing;
using KernelPrBot.Testing.Azurite;
using KernelPrBot.Testing.FakeGitHub;
using KernelPrBot.Testing.FakeModel;
using Xunit;

namespace KernelPrBot.Functions.Tests;

/// <summary>
/// Webhook in through GitHubWebhook, the queued message through ReviewWorker, PR state out: the same state the
/// self-hosted server leaves for the same delivery on an identical fake GitHub.
/// </summary>
public sealed class ReviewWorkerTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [AzuriteFact]
    public async Task The_queued_message_reviewed_by_the_worker_leaves_the_same_pull_request_state_as_the_server()
    {
        var serverState = await ReviewedBySelfHostedServerAsync();

        await using var github = await FakeGitHubServer.StartAsync();
        await using var app = new FunctionsApp(github, azurite.ConnectionString);
        await app.ResetQueuesAsync();
        var s = new PullRequestScenario(github);
        var delivery = GitHubWebhooks.PullRequest("opened", s.Repo, s.Pr, BotSettings.WebhookSecret, deliveryId: "functions-same-state");
        await app.GitHubWebhook.RunAsync(FunctionsApp.Request(delivery));

        var message = (await app.Queue.ReceiveMessageAsync(TimeSpan.FromMinutes(5))).Value;
        await app.ReviewWorker.RunAsync(message, CancellationToken.None);
        // On success the runtime deletes the message; nothing else is left for it.
        await app.Queue.DeleteMessageAsync(message.MessageId, message.PopReceipt);

        Assert.True(s.CheckCompleted());
        Assert.Equal(serverState, s.StateFingerprint());
        github.AssertNoViolations();
    }

    [AzuriteFact]
    public async Task A_failure_is_rethrown_and_only_the_last_dequeue_marks_the_check_run_as_errored()
    {
        await using var github = await FakeGitHubServer.StartAsync();
        await using var app = new FunctionsApp(github, azurite.ConnectionString);
        await app.ResetQueuesAsync();
        var s = new PullRequestScenario(github);
        github.Faults.Fail("GET", @"/pulls/\d+/commits$", 404, times: 100, body: """{"message":"Not Found"}""");
        await app.GitHubWebhook.RunAsync(FunctionsApp.Request(GitHubWebhooks.PullRequest("opened", s.Repo, s.Pr, BotSettings.WebhookSecret)));
        var received = (await app.Queue.ReceiveMessageAsync()).Value;

        // As the runtime hands it over on the first and on the fifth (host.json maxDequeueCount) dequeue.
        await Assert.ThrowsAnyAsync<Exception>(() => app.ReviewWorker.RunAsync(Dequeued(received, 1), CancellationToken.None));
        Assert.Null(s.LatestCheckRun());
        await Assert.ThrowsAnyAsync<Exception>(() => app.ReviewWorker.RunAsync(Dequeued(received, 5), CancellationToken.None));

        var run = s.LatestCheckRun();
        Assert.Equal("failure", run?.Conclusion);
        Assert.Equal("KernelPrBot could not finish its review", run?.Output?.Title);
    }

    [AzuriteFact]
    public async Task The_worker_runs_the_model_stage_and_posts_what_the_analysis_confirms()
    {
        await using var github = await FakeGitHubServer.StartAsync();
        await using var model = await FakeModelServer.StartAsync();
        model.Respond = ModelSample.Conversation;
        using var temp = new TempDirectory("functions-model");
        await using var app = new FunctionsApp(github, azurite.ConnectionString, ModelSample.Settings(model, temp.Combine("cache")));
        await app.ResetQueuesAsync();
        var s = new PullRequestScenario(github, changed: ModelSample.Driver);
        await app.GitHubWebhook.RunAsync(FunctionsApp.Request(GitHubWebhooks.PullRequest("opened", s.Repo, s.Pr, BotSettings.WebhookSecret)));

        var message = (await app.Queue.ReceiveMessageAsync(TimeSpan.FromMinutes(5))).Value;
        await app.ReviewWorker.RunAsync(message, CancellationToken.None);
        await app.Queue.DeleteMessageAsync(message.MessageId, message.PopReceipt);

        Assert.Equal([ModelSample.KmallocLine, ModelSample.WrongUnlockLine], s.Repo.ReviewComments(s.Number).Select(c => c.Line).Order());
        Assert.Contains("### Model-assisted review", Assert.Single(s.Summaries()).Body, StringComparison.Ordinal);
        Assert.Equal(2, model.Requests.Count);
    }

    private static QueueMessage Dequeued(QueueMessage message, long dequeueCount) =>
        QueuesModelFactory.QueueMessage(message.MessageId, message.PopReceipt, message.Body, dequeueCount, message.NextVisibleOn, message.InsertedOn, message.ExpiresOn);

    private static async Task<string> ReviewedBySelfHostedServerAsync()
    {
        using var temp = new TempDirectory("functions");
        await using var github = await FakeGitHubServer.StartAsync();
        var queuePath = temp.Combine("queue.db");
        var (server, url) = await KernelPrBotServer.StartAsync([.. BotSettings.For(github, queuePath, "--Logging:LogLevel:Default=Warning"), "--urls=http://127.0.0.1:0"]);
        try
        {
            var s = new PullRequestScenario(github);
            using var http = new HttpClient();
            var delivery = GitHubWebhooks.PullRequest("opened", s.Repo, s.Pr, BotSettings.WebhookSecret, deliveryId: "functions-same-state");
            using var response = await GitHubWebhooks.PostAsync(http, new Uri(url, "api/github/webhooks"), delivery);
            Assert.Equal(202, (int)response.StatusCode);
            var deadline = DateTime.UtcNow.AddSeconds(60);
            while (!s.CheckCompleted())
            {
                Assert.True(DateTime.UtcNow < deadline, "the server never completed its review");
                await Task.Delay(50);
            }

            return s.StateFingerprint();
        }
        finally
        {
            await server.StopAsync();
            await server.DisposeAsync();
        }
    }
}
