using System.Text.Json;
using KernelPrBot.Review.Ingress;
using Microsoft.Extensions.Primitives;

namespace KernelPrBot.GitHub.Webhooks;

/// <summary>
/// GitHub webhook ingress, shared by the self-hosted server and the Functions host: verify the signature on
/// the raw bytes, check the body is JSON, map the event, de-duplicate and enqueue. No GitHub calls, no analysis.
/// </summary>
public sealed class GitHubIngress(string? webhookSecret, IngressQueue queue)
{
    /// <summary>GitHub does not deliver payloads over 25 MB; anything larger is not from GitHub.</summary>
    public const long MaxBodyBytes = 25L * 1024 * 1024;

    private static readonly HashSet<string> HandledEvents = ["pull_request", "issue_comment", "check_run", "check_suite"];

    public async Task<IngressResult> HandleAsync(IReadOnlyDictionary<string, string> headers, ReadOnlyMemory<byte> body, CancellationToken cancellationToken = default)
    {
        if (body.Length > MaxBodyBytes)
        {
            return IngressResult.TooLarge("body over 25 MB");
        }

        if (string.IsNullOrEmpty(webhookSecret))
        {
            // Unverifiable deliveries are refused: anyone could otherwise make the bot spend API calls.
            return IngressResult.Unauthorized("the server has no webhook secret configured (KernelPrBot__GitHub__WebhookSecret)");
        }

        if (!GitHubSignature.IsValid(HeaderLookup.Find(headers, "X-Hub-Signature-256"), webhookSecret, body.Span))
        {
            return IngressResult.Unauthorized("missing or wrong X-Hub-Signature-256");
        }

        var eventName = HeaderLookup.Find(headers, "X-GitHub-Event");
        var delivery = HeaderLookup.Find(headers, "X-GitHub-Delivery");
        if (string.IsNullOrEmpty(eventName) || string.IsNullOrEmpty(delivery))
        {
            return IngressResult.BadRequest("X-GitHub-Event and X-GitHub-Delivery are required");
        }

        if (HeaderLookup.Find(headers, "Content-Type") is { } type && !type.StartsWith("application/json", StringComparison.OrdinalIgnoreCase))
        {
            return IngressResult.BadRequest("set the webhook's content type to application/json");
        }

        if (!HandledEvents.Contains(eventName))
        {
            return IngressResult.Ignored($"event {Printable(eventName)}");
        }

        if (!IsJsonObject(body.Span, out var problem))
        {
            return IngressResult.BadRequest("malformed JSON: " + problem);
        }

        var mapper = new GitHubEventMapper();
        try
        {
            var forOctokit = headers.ToDictionary(h => h.Key, h => new StringValues(h.Value), StringComparer.OrdinalIgnoreCase);
            await mapper.ProcessWebhookAsync(forOctokit, body, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Octokit.Webhooks throws on payloads that lack fields it needs; that is the sender's problem, not a 500.
            return IngressResult.BadRequest($"incomplete {Printable(eventName)} payload ({ex.GetType().Name})");
        }

        if (mapper.Request is not { } request)
        {
            return IngressResult.Ignored(mapper.IgnoredBecause);
        }

        return await queue.EnqueueAsync(request, cancellationToken).ConfigureAwait(false);
    }

    private static bool IsJsonObject(ReadOnlySpan<byte> body, out string problem)
    {
        problem = string.Empty;
        try
        {
            var reader = new Utf8JsonReader(body, new JsonReaderOptions { MaxDepth = 256 });
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                problem = "not a JSON object";
                return false;
            }

            reader.Skip();
            if (reader.Read())
            {
                problem = "data after the JSON object";
                return false;
            }

            return true;
        }
        catch (JsonException ex)
        {
            problem = $"line {ex.LineNumber + 1}, byte {ex.BytePositionInLine}";
            return false;
        }
    }

    private static string Printable(string text) =>
        new(text.Where(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.').Take(40).ToArray());
}
