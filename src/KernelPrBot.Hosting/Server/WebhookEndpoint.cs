using KernelPrBot.GitHub.Webhooks;
using KernelPrBot.GitLab.Webhooks;
using KernelPrBot.Review.Model;
using Microsoft.AspNetCore.Http;

namespace KernelPrBot.Hosting.Server;

/// <summary>The server's webhook endpoints: the shared request handling, answered as plain text.</summary>
internal static class WebhookEndpoint
{
    public static async Task<IResult> GitHubAsync(HttpContext context, GitHubIngress ingress)
    {
        var result = await WebhookRequests.GitHubAsync(context.Request, ingress).ConfigureAwait(false);
        return Results.Text(result.Message + "\n", statusCode: IngressHttp.StatusCode(result, ForgeKind.GitHub));
    }

    public static async Task<IResult> GitLabAsync(HttpContext context, GitLabIngress ingress)
    {
        var result = await WebhookRequests.GitLabAsync(context.Request, ingress).ConfigureAwait(false);
        return Results.Text(result.Message + "\n", statusCode: IngressHttp.StatusCode(result, ForgeKind.GitLab));
    }
}
