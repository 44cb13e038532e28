using System.Globalization;
using System.Text.Json;

namespace KernelPrBot.Testing.FakeGitHub;

/// <summary>
/// Checks a request against the operation GitHub's OpenAPI description gives for it: required path/query parameters,
/// their basic types and enums, and the JSON body (required properties, enums, types, lengths, item counts).
/// Unknown properties pass, as GitHub ignores them.
/// </summary>
internal static class OpenApiRequestValidator
{
    /// <summary>Problems without the "METHOD path: " prefix; an empty list means the request is acceptable.</summary>
    public static List<string> Validate(
        OpenApiOperation operation,
        IReadOnlyDictionary<string, string> pathValues,
        IReadOnlyDictionary<string, string> query,
        string? body)
    {
        var problems = new List<string>();
        foreach (var p in operation.Parameters)
        {
            var present = p.In switch
            {
                "path" => pathValues.TryGetValue(p.Name, out var v) ? v : null,
                "query" => query.TryGetValue(p.Name, out var q) ? q : null,
                _ => null,
            };
            if (present is null)
            {
                if (p.Required && p.In is "path" or "query")
                {
                    problems.Add($"{p.In} parameter '{p.Name}' is required");
                }

                continue;
            }

            CheckParameter(p, present, problems);
        }

        if (string.IsNullOrWhiteSpace(body))
        {
            if (operation.BodyRequired)
            {
                problems.Add("a JSON request body is required");
            }

            return problems;
        }

        if (operation.BodySchema is null)
        {
            return problems;
        }

        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(body);
        }
        catch (JsonException e)
        {
            problems.Add("the request body is not valid JSON: " + e.Message);
            return problems;
        }

        using (doc)
        {
            if (!IsDocumentedLeniency(operation, doc.RootElement))
            {
                Check(operation.BodySchema, doc.RootElement, "", problems);
            }
        }

        return problems;
    }

    /// <summary>
    /// "Add labels" accepts a bare array of names too: the description's own text says so, and Octokit.net sends that,
    /// though the schema only lists the object form.
    /// </summary>
    private static bool IsDocumentedLeniency(OpenApiOperation operation, JsonElement body) =>
        operation.OperationId is "issues/add-labels" or "issues/set-labels"
        && body.ValueKind == JsonValueKind.Array
        && body.GetArrayLength() > 0
        && body.EnumerateArray().All(e => e.ValueKind == JsonValueKind.String);

    private static void CheckParameter(OpenApiParameter p, string value, List<string> problems)
    {
        var schema = p.Schema;
        if (schema is null)
        {
            return;
        }

        var label = $"{p.In} parameter '{p.Name}'";
        switch (schema.Type)
        {
            case "integer" when !long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out _):
                problems.Add($"{label}: '{value}' is not an integer");
                break;
            case "number" when !double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out _):
                problems.Add($"{label}: '{value}' is not a number");
                break;
            case "boolean" when value is not ("true" or "false"):
                problems.Add($"{label}: '{value}' is not a boolean");
                break;
            default:
                break;
        }

        if (schema.Enum is { Count: > 0 } allowed && !allowed.Contains(value))
        {
            problems.Add($"{label}: '{value}' is not one of {string.Join(", ", allowed)}");
        }
    }

    private static void Check(OpenApiSchema s, JsonElement v, string path, List<string> problems)
    {
        foreach (var part in s.AllOf)
        {
            Check(part, v, path, problems);
        }

        if (s.AnyOf.Count > 0)
        {
            List<string>? fewest = null;
            foreach (var branch in s.AnyOf)
            {
                var attempt = new List<string>();
                Check(branch, v, path, attempt);
                if (attempt.Count == 0)
                {
                    fewest = null;
                    break;
                }

                if (fewest is null || attempt.Count < fewest.Count)
                {
                    fewest = attempt;
                }
            }

            if (fewest is not null)
            {
                problems.AddRange(fewest);
            }
        }

        if (v.ValueKind == JsonValueKind.Null)
        {
            if (!s.Nullable && s.Type is not null)
            {
                problems.Add($"{Label(path)}: null is not allowed");
            }

            return;
        }

        if (s.Type is not null && !HasType(v, s.Type))
        {
            problems.Add($"{Label(path)}: expected {s.Type}, got {Describe(v)}");
            return;
        }

        switch (v.ValueKind)
        {
            case JsonValueKind.String:
                var text = v.GetString()!;
                if (s.Enum is { Count: > 0 } allowed && !allowed.Contains(text))
                {
                    problems.Add($"{Label(path)}: '{text}' is not one of {string.Join(", ", allowed)}");
                }

                if (s.MaxLength is { } max && text.Length > max)
                {
                    problems.Add($"{Label(path)}: is {text.Length} characters long, more than the maximum of {max}");
                }

                break;
            case JsonValueKind.Array:
                var count = v.GetArrayLength();
                if (s.MaxItems is { } maxItems && count > maxItems)
                {
                    problems.Add($"{Label(path)}: has {count} items, more than the maximum of {maxItems}");
                }

                if (s.MinItems is { } minItems && count < minItems)
                {
                    problems.Add($"{Label(path)}: has {count} items, fewer than the minimum of {minItems}");
                }

                if (s.Items is not null)
                {
                    var i = 0;
                    foreach (var item in v.EnumerateArray())
                    {
                        Check(s.Items, item, $"{path}[{i++}]", problems);
                    }
                }

                break;
            case JsonValueKind.Object:
                foreach (var name in s.Required)
                {
                    if (!v.TryGetProperty(name, out _))
                    {
                        problems.Add($"{Join(path, name)}: required property is missing");
                    }
                }

                foreach (var property in v.EnumerateObject())
                {
                    if (s.Properties.TryGetValue(property.Name, out var child))
                    {
                        Check(child, property.Value, Join(path, property.Name), problems);
                    }
                }

                break;
            default:
                break;
        }
    }

    private static bool HasType(JsonElement v, string type) => type switch
    {
        "string" => v.ValueKind == JsonValueKind.String,
        "integer" => v.ValueKind == JsonValueKind.Number && (v.TryGetInt64(out _) || (v.TryGetDouble(out var d) && Math.Floor(d) == d)),
        "number" => v.ValueKind == JsonValueKind.Number,
        "boolean" => v.ValueKind is JsonValueKind.True or JsonValueKind.False,
        "array" => v.ValueKind == JsonValueKind.Array,
        "object" => v.ValueKind == JsonValueKind.Object,
        _ => true,
    };

    private static string Describe(JsonElement v) => v.ValueKind switch
    {
        JsonValueKind.String => $"string '{Truncate(v.GetString()!)}'",
        JsonValueKind.Number => $"number {v.GetRawText()}",
        JsonValueKind.True or JsonValueKind.False => "boolean",
        JsonValueKind.Array => "array",
        JsonValueKind.Object => "object",
        _ => v.ValueKind.ToString().ToLowerInvariant(),
    };

    private static string Truncate(string s) => s.Length <= 40 ? s : s[..40] + "…";

    private static string Join(string path, string name) => path.Length == 0 ? name : $"{path}.{name}";

    private static string Label(string path) => path.Length == 0 ? "body" : path;
}
