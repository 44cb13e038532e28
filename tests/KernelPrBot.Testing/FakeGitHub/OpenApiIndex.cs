using System.IO.Compression;
using System.Text.Json;

namespace KernelPrBot.Testing.FakeGitHub;

internal sealed record OpenApiParameter(string Name, string In, bool Required, OpenApiSchema? Schema);

internal sealed record OpenApiOperation(
    string Method,
    PathTemplate Path,
    string? OperationId,
    IReadOnlyList<OpenApiParameter> Parameters,
    bool BodyRequired,
    OpenApiSchema? BodySchema);

/// <summary>
/// Path templates → methods → parameters and request-body schema of GitHub's OpenAPI description.
/// Loaded once per process from the fixture, stored gzip-compressed (13 MB as JSON, under 1 MB compressed);
/// the document itself is not kept.
/// </summary>
internal sealed class OpenApiIndex
{
    private static readonly Lazy<OpenApiIndex> Lazy = new(() => Load(TestPaths.Fixture("github", "openapi", "api.github.com.json.gz")));

    private readonly List<OpenApiOperation> _operations;

    private OpenApiIndex(List<OpenApiOperation> operations) => _operations = operations;

    public static OpenApiIndex Shared => Lazy.Value;

    public int Count => _operations.Count;

    /// <summary>Reads a gzip-compressed OpenAPI description.</summary>
    public static OpenApiIndex Load(string gzipFile)
    {
        using var file = File.OpenRead(gzipFile);
        using var stream = new GZipStream(file, CompressionMode.Decompress);
        using var doc = JsonDocument.Parse(stream, new JsonDocumentOptions { MaxDepth = 256 });
        var root = doc.RootElement;
        var resolved = new Dictionary<string, OpenApiSchema>(StringComparer.Ordinal);
        var operations = new List<OpenApiOperation>();
        foreach (var path in root.GetProperty("paths").EnumerateObject())
        {
            var shared = path.Value.TryGetProperty("parameters", out var p) ? Parameters(p, root, resolved) : [];
            foreach (var op in path.Value.EnumerateObject())
            {
                if (op.Name is "parameters" or "summary" or "description" or "servers")
                {
                    continue;
                }

                var parameters = shared.ToList();
                if (op.Value.TryGetProperty("parameters", out var own))
                {
                    var mine = Parameters(own, root, resolved);
                    parameters.RemoveAll(s => mine.Any(m => m.Name == s.Name && m.In == s.In));
                    parameters.AddRange(mine);
                }

                var multi = parameters.Where(x => x.In == "path" && IsMultiSegment(op.Value, path.Value, x.Name, root)).Select(x => x.Name).ToHashSet();
                var (bodyRequired, bodySchema) = Body(op.Value, root, resolved);
                operations.Add(new OpenApiOperation(
                    op.Name.ToUpperInvariant(),
                    new PathTemplate(path.Name, multi.Contains),
                    op.Value.TryGetProperty("operationId", out var id) ? id.GetString() : null,
                    parameters,
                    bodyRequired,
                    bodySchema));
            }
        }

        return new OpenApiIndex(operations);
    }

    /// <summary>The operation for a method and URL-decoded path segments, or null; also says whether the path exists for any method.</summary>
    public (OpenApiOperation? Operation, Dictionary<string, string> PathValues, bool PathKnown) Find(string method, IReadOnlyList<string> segments)
    {
        OpenApiOperation? best = null;
        Dictionary<string, string> bestValues = [];
        var pathKnown = false;
        foreach (var op in _operations)
        {
            if (!op.Path.TryMatch(segments, out var values))
            {
                continue;
            }

            pathKnown = true;
            if (op.Method == method && (best is null || op.Path.LiteralCount > best.Path.LiteralCount))
            {
                best = op;
                bestValues = values;
            }
        }

        return (best, bestValues, pathKnown);
    }

    private static List<OpenApiParameter> Parameters(JsonElement list, JsonElement root, Dictionary<string, OpenApiSchema> resolved)
    {
        var result = new List<OpenApiParameter>();
        foreach (var item in list.EnumerateArray())
        {
            var p = item.TryGetProperty("$ref", out var r) ? OpenApiSchema.Resolve(root, r.GetString()!) : item;
            result.Add(new OpenApiParameter(
                p.GetProperty("name").GetString()!,
                p.GetProperty("in").GetString()!,
                p.TryGetProperty("required", out var req) && req.ValueKind == JsonValueKind.True,
                p.TryGetProperty("schema", out var s) ? OpenApiSchema.From(s, root, resolved) : null));
        }

        return result;
    }

    private static bool IsMultiSegment(JsonElement op, JsonElement path, string name, JsonElement root)
    {
        foreach (var owner in new[] { op, path })
        {
            if (!owner.TryGetProperty("parameters", out var list))
            {
                continue;
            }

            foreach (var item in list.EnumerateArray())
            {
                var p = item.TryGetProperty("$ref", out var r) ? OpenApiSchema.Resolve(root, r.GetString()!) : item;
                if (p.GetProperty("name").GetString() == name && p.TryGetProperty("x-multi-segment", out var m) && m.ValueKind == JsonValueKind.True)
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static (bool Required, OpenApiSchema? Schema) Body(JsonElement op, JsonElement root, Dictionary<string, OpenApiSchema> resolved)
    {
        if (!op.TryGetProperty("requestBody", out var body))
        {
            return (false, null);
        }

        if (body.TryGetProperty("$ref", out var r))
        {
            body = OpenApiSchema.Resolve(root, r.GetString()!);
        }

        var required = body.TryGetProperty("required", out var req) && req.ValueKind == JsonValueKind.True;
        if (body.TryGetProperty("content", out var content) && content.TryGetProperty("application/json", out var json) && json.TryGetProperty("schema", out var schema))
        {
            return (required, OpenApiSchema.From(schema, root, resolved));
        }

        return (required, null);
    }
}
