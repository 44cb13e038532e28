using KernelPrBot.GitHub.Webhooks;
using KernelPrBot.Hosting.Server;
using KernelPrBot.Review.Model;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace KernelPrBot.Functions.Webhooks;

/// <summary>
/// <c>POST /api/github/webhooks</c>: the server's GitHub ingress (verify, map, de-duplicate, enqueue, 202).
/// Anonymous because GitHub cannot send a function key; the webhook signature authenticates the delivery.
/// </summary>
public sealed class GitHubWebhook(GitHubIngress ingress)
{
    [Function(nameof(GitHubWebhook))]
    public async Task<IActionResult> RunAsync([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "github/webhooks")] HttpRequest request)
    {
        var result = await WebhookRequests.GitHubAsync(request, ingress).ConfigureAwait(false);
        return WebhookResponses.From(result, ForgeKind.GitHub);
    }
}
