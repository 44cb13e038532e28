using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using KernelPrBot.Review.Ingress;

namespace KernelPrBot.GitLab.Webhooks;

/// <summary>
/// GitLab webhook ingress: check <c>X-Gitlab-Token</c> in constant time, parse, map, de-duplicate on
/// <c>Idempotency-Key</c> (else <c>X-Gitlab-Event-UUID</c>), enqueue. GitLab disables a hook after repeated 4xx,
/// so a well-formed event we do not act on gets 200; only a wrong token or a broken body gets 4xx.
/// </summary>
public sealed class GitLabIngress(string? webhookSecret, IngressQueue queue)
{
    public const long MaxBodyBytes = 25L * 1024 * 1024;

    public async Task<IngressResult> HandleAsync(IReadOnlyDictionary<string, string> headers, ReadOnlyMemory<byte> body, CancellationToken cancellationToken = default)
    {
        if (body.Length > MaxBodyBytes)
        {
            return IngressResult.TooLarge("body over 25 MB");
        }

        if (string.IsNullOrEmpty(webhookSecret))
        {
            return IngressResult.Unauthorized("the server has no GitLab webhook secret configured (KernelPrBot__GitLab__WebhookSecret)");
        }

        if (!TokenMatches(HeaderLookup.Find(headers, "X-Gitlab-Token"), webhookSecret))
        {
            return IngressResult.Unauthorized("missing or wrong X-Gitlab-Token");
        }

        var eventName = HeaderLookup.Find(headers, "X-Gitlab-Event");
        if (string.IsNullOrEmpty(eventName))
        {
            return IngressResult.BadRequest("X-Gitlab-Event is required");
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = 256 });
        }
        catch (JsonException ex)
        {
            return IngressResult.BadRequest($"malformed JSON: line {ex.LineNumber + 1}, byte {ex.BytePositionInLine}");
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return IngressResult.BadRequest("malformed JSON: not an object");
            }

            var delivery = HeaderLookup.Find(headers, "Idempotency-Key") ?? HeaderLookup.Find(headers, "X-Gitlab-Event-UUID")
                ?? Convert.ToHexStringLower(SHA256.HashData(body.Span));
            try
            {
                var (request, why) = GitLabEventMapper.Map(eventName, document.RootElement, delivery);
                if (request is null)
                {
                    return IngressResult.Ignored(why);
                }

                return await queue.EnqueueAsync(request, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is FormatException or InvalidOperationException or OverflowException)
            {
                return IngressResult.BadRequest($"incomplete {GitLabEventMapper.Printable(eventName)} payload: {ex.Message}");
            }
        }
    }

    /// <summary>GitLab sends the secret itself; hashing both sides first keeps the comparison constant-time whatever the lengths.</summary>
    private static bool TokenMatches(string? given, string secret) =>
        given is not null && CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(given)), SHA256.HashData(Encoding.UTF8.GetBytes(secret)));
}
