using System.Globalization;
using System.Text.Json;
using KernelPrBot.Testing.FakeForge;

namespace KernelPrBot.Testing.FakeGitHub;

/// <summary>A request as the endpoint handlers see it: route values, query, body, caller.</summary>
internal sealed class ApiRequest : IForgeRequest
{
    private JsonElement? _json;

    public required string Method { get; init; }

    /// <summary>The path relative to the API root, with a leading "/", as sent (still URL-encoded).</summary>
    public required string Path { get; init; }

    public required IReadOnlyList<string> Segments { get; init; }

    public required IReadOnlyDictionary<string, string> Query { get; init; }

    public required string RawQuery { get; init; }

    public string? Body { get; init; }

    public string? Accept { get; init; }

    public string? Authorization { get; init; }

    public Caller Caller { get; set; } = Caller.Anonymous;

    public Dictionary<string, string> Route { get; set; } = new(StringComparer.Ordinal);

    /// <summary>The body as JSON; an empty or broken body reads as an empty object (the validator reports those).</summary>
    public JsonElement Json
    {
        get
        {
            if (_json is null)
            {
                try
                {
                    _json = string.IsNullOrWhiteSpace(Body) ? Empty() : JsonDocument.Parse(Body).RootElement.Clone();
                }
                catch (JsonException)
                {
                    _json = Empty();
                }
            }

            return _json.Value;
        }
    }

    public string Value(string name) => Route[name];

    public int Int(string name) => int.TryParse(Route[name], NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : -1;

    public long Long(string name) => long.TryParse(Route[name], NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : -1;

    public string? String(string property) =>
        Json.ValueKind == JsonValueKind.Object && Json.TryGetProperty(property, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    public bool Has(string property) => Json.ValueKind == JsonValueKind.Object && Json.TryGetProperty(property, out var v) && v.ValueKind != JsonValueKind.Null;

    private static JsonElement Empty() => JsonDocument.Parse("{}").RootElement.Clone();
}
