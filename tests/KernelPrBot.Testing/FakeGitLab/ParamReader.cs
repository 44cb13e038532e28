using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.WebUtilities;

namespace KernelPrBot.Testing.FakeGitLab;

/// <summary>Reads query, form and JSON parameters into one flat map the way Grape merges them (body wins over query).</summary>
internal static class ParamReader
{
    public static Dictionary<string, string> Read(string rawQuery, string? contentType, string? body, out string? problem)
    {
        problem = null;
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        AddPairs(result, rawQuery);
        if (string.IsNullOrWhiteSpace(body))
        {
            return result;
        }

        var media = contentType?.Split(';')[0].Trim() ?? "";
        if (media.Equals("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase))
        {
            AddPairs(result, body);
        }
        else if (media.Equals("application/json", StringComparison.OrdinalIgnoreCase) || media.Length == 0)
        {
            try
            {
                using var doc = JsonDocument.Parse(body);
                if (doc.RootElement.ValueKind != JsonValueKind.Object)
                {
                    problem = "the JSON body is not an object";
                }
                else
                {
                    Flatten(result, null, doc.RootElement);
                }
            }
            catch (JsonException e)
            {
                problem = "the body is not valid JSON: " + e.Message;
            }
        }
        else
        {
            problem = $"unsupported body content type '{media}'";
        }

        return result;
    }

    /// <summary>Grape's Boolean coercion.</summary>
    public static bool? ParseBool(string value) => value.ToUpperInvariant() switch
    {
        "TRUE" or "1" or "T" or "YES" or "Y" => true,
        "FALSE" or "0" or "F" or "NO" or "N" => false,
        _ => null,
    };

    private static void AddPairs(Dictionary<string, string> result, string encoded)
    {
        foreach (var (key, values) in QueryHelpers.ParseQuery(encoded))
        {
            // Rails array syntax (labels[]=a&labels[]=b) reads as a comma list, like GitLab's array-or-CSV parameters.
            var name = key.EndsWith("[]", StringComparison.Ordinal) ? key[..^2] : key;
            result[name] = string.Join(',', values.Select(v => v ?? ""));
        }
    }

    private static void Flatten(Dictionary<string, string> result, string? prefix, JsonElement element)
    {
        foreach (var property in element.EnumerateObject())
        {
            var key = prefix is null ? property.Name : $"{prefix}[{property.Name}]";
            var value = property.Value;
            switch (value.ValueKind)
            {
                case JsonValueKind.Object:
                    Flatten(result, key, value);
                    break;
                case JsonValueKind.Array:
                    result[key] = string.Join(',', value.EnumerateArray().Select(Scalar));
                    break;
                case JsonValueKind.Null:
                    break;
                default:
                    result[key] = Scalar(value);
                    break;
            }
        }
    }

    private static string Scalar(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString()!,
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        JsonValueKind.Number => value.GetRawText(),
        _ => value.GetRawText(),
    };

    public static string Invariant(long n) => n.ToString(CultureInfo.InvariantCulture);
}
