using KernelPrBot.GitHub.Webhooks;
using KernelPrBot.Review.Ingress;
using KernelPrBot.Testing;
using KernelPrBot.Testing.FakeGitHub;
using KernelPrBot.Testing.InMemory;

namespace KernelPrBot.GitHub.Tests.Webhooks;

/// <summary>The real ingress over an in-memory queue and delivery log (the durable queues have tests of their own in KernelPrBot.Hosting.Tests).</summary>
internal sealed class IngressHarness
{
    public const string Secret = "kernelprbot-test-secret";

    public IngressHarness(string? secret = Secret)
    {
        Ingress = new GitHubIngress(secret, new IngressQueue(Queue, new InMemoryDeliveryLog()));
    }

    public InMemoryReviewQueue Queue { get; } = new();

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
