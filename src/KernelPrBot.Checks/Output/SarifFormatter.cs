using System.Text.Encodings.Web;
using System.Text.Json;
using KernelPrBot.Checks.Analysis;
using KernelPrBot.Checks.Patches;
using KernelPrBot.Checks.Rules;

namespace KernelPrBot.Checks.Output;

/// <summary>SARIF 2.1.0 for code-scanning uploads: one run, the rule catalogue, results with partial fingerprints.</summary>
public sealed class SarifFormatter(IReadOnlyList<RuleDescriptor> rules, string toolVersion) : IFindingFormatter
{
    private static readonly JsonWriterOptions Options = new() { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public void Write(AnalysisResult result, TextWriter writer)
    {
        var index = rules.Select((r, i) => (r.Id, i)).ToDictionary(x => x.Id, x => x.i, StringComparer.Ordinal);
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, Options))
        {
            json.WriteStartObject();
            json.WriteString("$schema", "https://json.schemastore.org/sarif-2.1.0.json");
            json.WriteString("version", "2.1.0");
            json.WriteStartArray("runs");
            json.WriteStartObject();
            WriteTool(json);
            json.WriteStartArray("results");
            foreach (var f in result.Findings)
            {
                WriteResult(json, f, index);
            }

            json.WriteEndArray();
            WriteInvocation(json, result);
            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteEndObject();
        }

        writer.WriteLine(System.Text.Encoding.UTF8.GetString(stream.ToArray()));
    }

    private void WriteTool(Utf8JsonWriter json)
    {
        json.WriteStartObject("tool");
        json.WriteStartObject("driver");
        json.WriteString("name", "KernelPrBot");
        json.WriteString("version", toolVersion);
        json.WriteString("informationUri", "https://docs.kernel.org/process/coding-assistants.html");
        json.WriteStartArray("rules");
        foreach (var rule in rules)
        {
            json.WriteStartObject();
            json.WriteString("id", rule.Id);
            json.WriteString("name", ToPascal(rule.Id));
            json.WriteStartObject("shortDescription");
            json.WriteString("text", rule.Title);
            json.WriteEndObject();
            json.WriteStartObject("fullDescription");
            json.WriteString("text", rule.HelpText);
            json.WriteEndObject();
            json.WriteStartObject("help");
            json.WriteString("text", $"{rule.HelpText} See {rule.HelpLink}.");
            json.WriteEndObject();
            json.WriteStartObject("defaultConfiguration");
            json.WriteString("level", Level(rule.DefaultSeverity));
            json.WriteEndObject();
            json.WriteStartObject("properties");
            json.WriteStartArray("tags");
            json.WriteStringValue(rule.Category.ToString().ToLowerInvariant());
            json.WriteStringValue("linux-kernel");
            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static void WriteResult(Utf8JsonWriter json, Finding f, Dictionary<string, int> index)
    {
        json.WriteStartObject();
        json.WriteString("ruleId", f.RuleId);
        if (index.TryGetValue(f.RuleId, out var i))
        {
            json.WriteNumber("ruleIndex", i);
        }

        json.WriteString("level", Level(f.Severity));
        json.WriteStartObject("message");
        json.WriteString("text", f.Hint is null ? f.Message : $"{f.Message} ({f.Hint})");
        json.WriteEndObject();
        json.WriteStartArray("locations");
        json.WriteStartObject();
        json.WriteStartObject("physicalLocation");
        json.WriteStartObject("artifactLocation");
        json.WriteString("uri", ToUri(f.File));
        json.WriteEndObject();
        json.WriteStartObject("region");
        json.WriteNumber("startLine", Math.Max(1, f.Line));
        json.WriteNumber("endLine", Math.Max(Math.Max(1, f.Line), f.EndLine));
        json.WriteEndObject();
        json.WriteEndObject();
        json.WriteEndObject();
        json.WriteEndArray();
        json.WriteStartObject("partialFingerprints");
        json.WriteString("kernelPrBot/v1", f.Fingerprint);
        json.WriteEndObject();
        if (f.Kind == FindingKind.Commit)
        {
            json.WriteStartObject("properties");
            json.WriteString("kind", "commit");
            if (f.Commit is not null)
            {
                json.WriteString("commit", f.Commit);
            }

            json.WriteEndObject();
        }

        json.WriteEndObject();
    }

    private static void WriteInvocation(Utf8JsonWriter json, AnalysisResult result)
    {
        json.WriteStartArray("invocations");
        json.WriteStartObject();
        json.WriteBoolean("executionSuccessful", !result.Diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error));
        json.WriteStartArray("toolExecutionNotifications");
        foreach (var d in result.Diagnostics)
        {
            json.WriteStartObject();
            json.WriteString("level", d.Severity == DiagnosticSeverity.Error ? "error" : "warning");
            json.WriteStartObject("message");
            json.WriteString("text", $"{d.Source}:{d.Line}: {d.Message}");
            json.WriteEndObject();
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteEndArray();
    }

    private static string Level(Severity severity) => severity switch
    {
        Severity.Error => "error",
        Severity.Warning => "warning",
        _ => "note",
    };

    private static string ToUri(string path) =>
        string.Join('/', path.Replace('\\', '/').Split('/').Select(Uri.EscapeDataString));

    private static string ToPascal(string id) =>
        string.Concat(id.Split('-').Select(w => w.Length == 0 ? w : char.ToUpperInvariant(w[0]) + w[1..]));
}
