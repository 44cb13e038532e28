using KernelPrBot.GitHub.Webhooks;
using KernelPrBot.Hosting.Queues;
using KernelPrBot.Review.Ingress;
using KernelPrBot.Testing;
using KernelPrBot.Testing.FakeGitHub;

namespace KernelPrBot.GitHub.Tests.Webhooks;

/// <summary>The real ingress over a real SQLite queue in a file of the test's temporary directory.</summary>
internal sealed class IngressHarness
{
    public const string Secret = "kernelprbot-test-secret";

    public IngressHarness(TempDirectory temp, string? secret = Secret)
    {
        ArgumentNullException.ThrowIfNull(temp);
        var options = new SqliteQueueOptions { Path = temp.Combine($"queue-{Guid.NewGuid():N}.db") };
        Queue = new SqliteReviewQueue(options);
        Ingress = new GitHubIngress(secret, new IngressQueue(Queue, new SqliteDeliveryLog(options)));
    }

    public SqliteReviewQueue Queue { get; }

    public GitHubIngress Ingress { get; }

    public Task<IngressResult> PostAsync(WebhookDelivery delivery) => Ingress.HandleAsync(delivery.Headers, delivery.Body);

    public Task<IngressResult> PostAsync(string eventName, byte[] body, string? signature = null, string contentType = "application/json")
    {
        var headers = new Dictionary<string, string>
        {
            ["X-GitHub-Event"] = eventName,
            ["X-GitHub-Delivery"] = Guid.NewGuid().ToString(),
            ["X-Hub-Signature-256"] = signature ?? GitHubWebhooks.Signature(body, Secret),
            ["Content-Type"] = contentType,
        };
        return Ingress.HandleAsync(headers, body);
    }
}
