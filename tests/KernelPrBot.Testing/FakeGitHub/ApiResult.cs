using System.Text.Json.Nodes;
using KernelPrBot.Testing.FakeForge;

namespace KernelPrBot.Testing.FakeGitHub;

/// <summary>A response: JSON or raw bytes, plus extra headers.</summary>
internal sealed record ApiResult(int Status, JsonNode? Json, byte[]? Raw = null, string? ContentType = null) : IForgeResult
{
    public const string Docs = "https://docs.github.com/rest";

    public Dictionary<string, string> Headers { get; } = new(StringComparer.OrdinalIgnoreCase);

    public static ApiResult Ok(JsonNode json) => new(200, json);

    public static ApiResult Created(JsonNode json) => new(201, json);

    public static ApiResult NoContent() => new(204, null);

    public static ApiResult Message(int status, string message, string documentation = Docs) =>
        new(status, new JsonObject { ["message"] = message, ["documentation_url"] = documentation });

    public static ApiResult NotFound() => Message(404, "Not Found");

    public static ApiResult BadCredentials() => Message(401, "Bad credentials");

    /// <summary>GitHub's 422 with a list of error strings (the shape "create a review" uses).</summary>
    public static ApiResult Unprocessable(params string[] errors) => new(422, new JsonObject
    {
        ["message"] = "Unprocessable Entity",
        ["errors"] = new JsonArray(errors.Select(e => (JsonNode)JsonValue.Create(e)!).ToArray()),
        ["documentation_url"] = Docs,
        ["status"] = "422",
    });

    /// <summary>GitHub's "Validation Failed" 422 with one error object.</summary>
    public static ApiResult ValidationFailed(string resource, string field, string code, string? message = null)
    {
        var error = new JsonObject { ["resource"] = resource, ["code"] = code, ["field"] = field };
        if (message is not null)
        {
            error["message"] = message;
        }

        return new ApiResult(422, new JsonObject
        {
            ["message"] = "Validation Failed",
            ["errors"] = new JsonArray(error),
            ["documentation_url"] = Docs,
            ["status"] = "422",
        });
    }
}
