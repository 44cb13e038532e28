using KernelPrBot.Hosting.Server;
using KernelPrBot.Review.Ingress;
using KernelPrBot.Review.Model;
using Microsoft.AspNetCore.Mvc;

namespace KernelPrBot.Functions.Webhooks;

/// <summary>An ingress answer as the server gives it: its status and a line of plain text for the forge's delivery log.</summary>
internal static class WebhookResponses
{
    public static ContentResult From(IngressResult result, ForgeKind forge) => new()
    {
        StatusCode = IngressHttp.StatusCode(result, forge),
        Content = result.Message + "\n",
        ContentType = "text/plain; charset=utf-8",
    };
}
