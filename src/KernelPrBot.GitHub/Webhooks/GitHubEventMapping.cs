using KernelPrBot.Review.Model;
using Microsoft.Extensions.Primitives;

namespace KernelPrBot.GitHub.Webhooks;

/// <summary>Maps a payload to a review request without a signature check: for payloads an operator saved and replays.</summary>
public static class GitHubEventMapping
{
    public static async Task<(ReviewRequest? Request, string Why)> MapAsync(string eventName, string deliveryId, ReadOnlyMemory<byte> body, CancellationToken cancellationToken = default)
    {
        var mapper = new GitHubEventMapper();
        var headers = new Dictionary<string, StringValues>(StringComparer.OrdinalIgnoreCase)
        {
            ["X-GitHub-Event"] = eventName,
            ["X-GitHub-Delivery"] = deliveryId,
            ["Content-Type"] = "application/json",
        };
        await mapper.ProcessWebhookAsync(headers, body, cancellationToken).ConfigureAwait(false);
        return (mapper.Request, mapper.IgnoredBecause);
    }
}
