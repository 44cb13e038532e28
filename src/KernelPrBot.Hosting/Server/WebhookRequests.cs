using KernelPrBot.GitHub.Webhooks;
using KernelPrBot.GitLab.Webhooks;
using KernelPrBot.Review.Ingress;
using Microsoft.AspNetCore.Http;

namespace KernelPrBot.Hosting.Server;

/// <summary>
/// Turns an ASP.NET Core request into an ingress call: the raw body (the signature covers exact bytes) within the
/// size limit, and the headers. Shared by the server's endpoints and the Functions HTTP triggers.
/// </summary>
public static class WebhookRequests
{
    public static Task<IngressResult> GitHubAsync(HttpRequest request, GitHubIngress ingress)
    {
        ArgumentNullException.ThrowIfNull(ingress);
        return HandleAsync(request, GitHubIngress.MaxBodyBytes, ingress.HandleAsync);
    }

    public static Task<IngressResult> GitLabAsync(HttpRequest request, GitLabIngress ingress)
    {
        ArgumentNullException.ThrowIfNull(ingress);
        return HandleAsync(request, GitLabIngress.MaxBodyBytes, ingress.HandleAsync);
    }

    private static async Task<IngressResult> HandleAsync(
        HttpRequest request, long maxBytes, Func<IReadOnlyDictionary<string, string>, ReadOnlyMemory<byte>, CancellationToken, Task<IngressResult>> ingress)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.ContentLength > maxBytes)
        {
            return IngressResult.TooLarge("body over 25 MB");
        }

        byte[] body;
        try
        {
            using var buffer = new MemoryStream();
            await request.Body.CopyToAsync(buffer, request.HttpContext.RequestAborted).ConfigureAwait(false);
            body = buffer.ToArray();
        }
        catch (BadHttpRequestException ex)
        {
            return new IngressResult(ex.StatusCode == StatusCodes.Status413PayloadTooLarge ? IngressOutcome.TooLarge : IngressOutcome.Malformed, "unreadable body: " + ex.Message);
        }

        var headers = request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);

        // Not the request's token: once the delivery is recorded, a client that hangs up must not leave it half queued.
        return await ingress(headers, body, CancellationToken.None).ConfigureAwait(false);
    }
}
