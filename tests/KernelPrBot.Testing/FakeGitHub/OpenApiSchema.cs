using System.Text.Json;

namespace KernelPrBot.Testing.FakeGitHub;

/// <summary>The parts of a JSON schema the request validator checks; <c>$ref</c>s are resolved when the index is built.</summary>
internal sealed class OpenApiSchema
{
    public string? Type { get; private set; }

    public bool Nullable { get; private set; }

    public List<string>? Enum { get; private set; }

    public List<string> Required { get; } = [];

    public Dictionary<string, OpenApiSchema> Properties { get; } = new(StringComparer.Ordinal);

    public OpenApiSchema? Items { get; private set; }

    public List<OpenApiSchema> AllOf { get; } = [];

    public List<OpenApiSchema> AnyOf { get; } = [];

    public int? MaxLength { get; private set; }

    public int? MinItems { get; private set; }

    public int? MaxItems { get; private set; }

    /// <summary>Builds the schema; <paramref name="resolved"/> memoises <c>$ref</c> targets so recursive schemas terminate.</summary>
    public static OpenApiSchema From(JsonElement element, JsonElement root, Dictionary<string, OpenApiSchema> resolved)
    {
        if (element.TryGetProperty("$ref", out var reference))
        {
            var name = reference.GetString()!;
            if (resolved.TryGetValue(name, out var known))
            {
                return known;
            }

            var schema = new OpenApiSchema();
            resolved[name] = schema;
            schema.Fill(Resolve(root, name), root, resolved);
            return schema;
        }

        var result = new OpenApiSchema();
        result.Fill(element, root, resolved);
        return result;
    }

    public static JsonElement Resolve(JsonElement root, string reference)
    {
        var node = root;
        foreach (var part in reference.TrimStart('#', '/').Split('/'))
        {
            node = node.GetProperty(part.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal));
        }

        return node;
    }

    private void Fill(JsonElement e, JsonElement root, Dictionary<string, OpenApiSchema> resolved)
    {
        if (e.ValueKind != JsonValueKind.Object)
        {
            return;
        }

        if (e.TryGetProperty("type", out var type) && type.ValueKind == JsonValueKind.String)
        {
            Type = type.GetString();
        }

        Nullable = e.TryGetProperty("nullable", out var nullable) && nullable.ValueKind == JsonValueKind.True;
        if (e.TryGetProperty("enum", out var values))
        {
            Enum = values.EnumerateArray().Where(v => v.ValueKind == JsonValueKind.String).Select(v => v.GetString()!).ToList();
            Nullable |= values.EnumerateArray().Any(v => v.ValueKind == JsonValueKind.Null);
        }

        if (e.TryGetProperty("required", out var required) && required.ValueKind == JsonValueKind.Array)
        {
            Required.AddRange(required.EnumerateArray().Select(r => r.GetString()!));
        }

        if (e.TryGetProperty("properties", out var properties))
        {
            foreach (var p in properties.EnumerateObject())
            {
                Properties[p.Name] = From(p.Value, root, resolved);
            }
        }

        if (e.TryGetProperty("items", out var items))
        {
            Items = From(items, root, resolved);
        }

        if (e.TryGetProperty("allOf", out var allOf))
        {
            AllOf.AddRange(allOf.EnumerateArray().Select(s => From(s, root, resolved)));
        }

        // oneOf is checked like anyOf: a value satisfying any branch passes.
        foreach (var key in new[] { "oneOf", "anyOf" })
        {
            if (e.TryGetProperty(key, out var branches))
            {
                AnyOf.AddRange(branches.EnumerateArray().Select(s => From(s, root, resolved)));
            }
        }

        MaxLength = Int(e, "maxLength");
        MinItems = Int(e, "minItems");
        MaxItems = Int(e, "maxItems");
    }

    private static int? Int(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetInt32() : null;
}
