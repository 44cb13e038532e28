using System.Text.Json.Nodes;
using KernelPrBot.Testing.FakeForge;

namespace KernelPrBot.Testing.FakeGitLab;

/// <summary>A response: JSON or raw bytes, plus extra headers.</summary>
internal sealed record GitLabResult(int Status, JsonNode? Json, byte[]? Raw = null, string? ContentType = null) : IForgeResult
{
    public Dictionary<string, string> Headers { get; } = new(StringComparer.OrdinalIgnoreCase);

    public static GitLabResult Ok(JsonNode json) => new(200, json);

    public static GitLabResult Created(JsonNode json) => new(201, json);

    /// <summary>GitLab's usual error body, <c>{"message": "..."}</c>.</summary>
    public static GitLabResult Message(int status, string message) => new(status, new JsonObject { ["message"] = message });

    /// <summary>Grape's parameter-validation body, <c>{"error": "..."}</c>.</summary>
    public static GitLabResult Error(int status, string error) => new(status, new JsonObject { ["error"] = error });

    /// <summary>"404 Project Not Found", "404 Merge Request Not Found", …; no argument gives plain "404 Not Found".</summary>
    public static GitLabResult NotFound(string? what = null) => Message(404, what is null ? "404 Not Found" : $"404 {what} Not Found");

    public static GitLabResult Forbidden() => Message(403, "403 Forbidden");

    public static GitLabResult Unauthorized() => Message(401, "401 Unauthorized");
}
