using KernelPrBot.GitLab.Webhooks;
using KernelPrBot.Hosting.Server;
using KernelPrBot.Review.Model;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace KernelPrBot.Functions.Webhooks;

/// <summary>
/// <c>POST /api/gitlab/webhooks</c>: the server's GitLab ingress (token, map, de-duplicate, enqueue). Anonymous because
/// GitLab cannot send a function key; the hook's secret token authenticates the delivery.
/// </summary>
public sealed class GitLabWebhook(GitLabIngress ingress)
{
    [Function(nameof(GitLabWebhook))]
    public async Task<IActionResult> RunAsync([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "gitlab/webhooks")] HttpRequest request)
    {
        var result = await WebhookRequests.GitLabAsync(request, ingress).ConfigureAwait(false);
        return WebhookResponses.From(result, ForgeKind.GitLab);
    }
}
