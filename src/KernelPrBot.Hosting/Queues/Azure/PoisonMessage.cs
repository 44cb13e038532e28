using System.Text.Json;
using System.Text.Json.Nodes;
using KernelPrBot.Review.Model;

namespace KernelPrBot.Hosting.Queues.Azure;

/// <summary>
/// A poison-queue message is the original request JSON, so the Functions runtime's poison messages and ours
/// read alike; ours carry one extra property (ignored by <see cref="ReviewRequestJson"/>) saying why and when.
/// </summary>
internal static class PoisonMessage
{
    public const string Property = "deadLetter";

    // Keeps a poison message far below the 64 KiB limit whatever the exception said.
    private const int MaxReasonLength = 2000;

    public static string Annotate(string body, string reason, int attempts, DateTimeOffset failedAt)
    {
        if (Parse(body) is not { } json)
        {
            return body;
        }

        json[Property] = new JsonObject
        {
            ["reason"] = reason.Length > MaxReasonLength ? reason[..MaxReasonLength] + "…" : reason,
            ["attempts"] = attempts,
            ["failedAt"] = failedAt.ToString("O"),
        };
        return json.ToJsonString();
    }

    /// <summary>The request without the annotation, as it goes back on the review queue.</summary>
    public static string Strip(string body)
    {
        if (Parse(body) is not { } json)
        {
            return body;
        }

        json.Remove(Property);
        return json.ToJsonString();
    }

    /// <summary>Null when the body is not a review request. Runtime-moved messages have no annotation; <paramref name="fallback"/> fills in.</summary>
    public static (ReviewRequest Request, string Reason, int Attempts, DateTimeOffset FailedAt)? Read(string body, int fallbackAttempts, DateTimeOffset fallbackTime)
    {
        ReviewRequest request;
        try
        {
            request = ReviewRequestJson.Deserialize(body);
        }
        catch (Exception ex) when (ex is FormatException or NotSupportedException or ArgumentException)
        {
            return null;
        }

        var note = Parse(body)?[Property] as JsonObject;
        var reason = Text(note, "reason") ?? "failed its last attempt (moved to the poison queue by the Functions runtime)";
        var attempts = note?["attempts"] is JsonValue count && count.TryGetValue<int>(out var n) ? n : fallbackAttempts;
        var failedAt = DateTimeOffset.TryParse(Text(note, "failedAt"), out var at) ? at : fallbackTime;
        return (request, reason, attempts, failedAt);
    }

    private static string? Text(JsonObject? note, string name) =>
        note?[name] is JsonValue value && value.TryGetValue<string>(out var result) ? result : null;

    private static JsonObject? Parse(string body)
    {
        try
        {
            return JsonNode.Parse(body) as JsonObject;
        }
        catch (JsonException)
        {
            return null;
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }
}
