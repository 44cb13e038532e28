using System.Text.Json;
using KernelPrBot.Checks.Claims;

namespace KernelPrBot.ModelReview;

/// <summary>The JSON schema of the model's answer: a list of claims, each with file, new-side line, kind, confidence and explanation.</summary>
internal static class ClaimSchema
{
    public static JsonElement Schema { get; } = JsonDocument.Parse($$"""
        {
          "type": "object",
          "properties": {
            "claims": {
              "type": "array",
              "items": {
                "type": "object",
                "properties": {
                  "file": { "type": "string" },
                  "line": { "type": "integer", "minimum": 1 },
                  "kind": { "type": "string", "enum": [{{string.Join(", ", ClaimKinds.All.Order(StringComparer.Ordinal).Select(k => "\"" + k + "\""))}}] },
                  "confidence": { "type": "number", "minimum": 0, "maximum": 1 },
                  "function": { "type": "string" },
                  "explanation": { "type": "string" }
                },
                "required": ["file", "line", "kind", "confidence", "explanation"]
              }
            }
          },
          "required": ["claims"]
        }
        """).RootElement.Clone();
}
