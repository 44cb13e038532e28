using KernelPrBot.GitHub.Webhooks;
using KernelPrBot.GitLab.Webhooks;
using KernelPrBot.Review.Ingress;
using Microsoft.AspNetCore.Http;

namespace KernelPrBot.Hosting.Server;

/// <summary>Reads the raw body (the signature covers exact bytes) within the size limit and hands it to the ingress.</summary>
internal static class WebhookEndpoint
{
    public static Task<IResult> GitHubAsync(HttpContext context, GitHubIngress ingress) =>
        HandleAsync(context, GitHubIngress.MaxBodyBytes, ingress.HandleAsync);

    public static Task<IResult> GitLabAsync(HttpContext context, GitLabIngress ingress) =>
        HandleAsync(context, GitLabIngress.MaxBodyBytes, ingress.HandleAsync);

    private static async Task<IResult> HandleAsync(
        HttpContext context, long maxBytes, Func<IReadOnlyDictionary<string, string>, ReadOnlyMemory<byte>, CancellationToken, Task<IngressResult>> ingress)
    {
        var request = context.Request;
        if (request.ContentLength > maxBytes)
        {
            return Results.Text("body over 25 MB\n", statusCode: StatusCodes.Status413PayloadTooLarge);
        }

        byte[] body;
        try
        {
            using var buffer = new MemoryStream();
            await request.Body.CopyToAsync(buffer, context.RequestAborted).ConfigureAwait(false);
            body = buffer.ToArray();
        }
        catch (BadHttpRequestException ex)
        {
            return Results.Text("unreadable body: " + ex.Message + "\n", statusCode: ex.StatusCode);
        }

        var headers = request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        var result = await ingress(headers, body, CancellationToken.None).ConfigureAwait(false);
        return Results.Text(result.Message + "\n", statusCode: result.StatusCode);
    }
}
