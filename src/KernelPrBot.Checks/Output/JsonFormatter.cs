using System.Text.Encodings.Web;
using System.Text.Json;
using KernelPrBot.Checks.Analysis;
using KernelPrBot.Checks.Patches;
using KernelPrBot.Checks.Rules;

namespace KernelPrBot.Checks.Output;

/// <summary>
/// <c>{"findings":[{"rule","severity","file","line","endLine","message","fingerprint",…}],"summary":{…}}</c>.
/// </summary>
public sealed class JsonFormatter : IFindingFormatter
{
    private static readonly JsonWriterOptions Options = new() { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public void Write(AnalysisResult result, TextWriter writer)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, Options))
        {
            json.WriteStartObject();
            json.WriteStartArray("findings");
            foreach (var f in result.Findings)
            {
                json.WriteStartObject();
                json.WriteString("rule", f.RuleId);
                json.WriteString("severity", Formatters.SeverityWord(f.Severity));
                json.WriteString("file", f.File);
                json.WriteNumber("line", f.Line);
                json.WriteNumber("endLine", f.EndLine);
                json.WriteString("message", f.Message);
                json.WriteString("fingerprint", f.Fingerprint);
                json.WriteString("kind", f.Kind == FindingKind.Commit ? "commit" : "code");
                if (f.Hint is not null)
                {
                    json.WriteString("hint", f.Hint);
                }

                if (f.Commit is not null)
                {
                    json.WriteString("commit", f.Commit);
                }

                json.WriteEndObject();
            }

            json.WriteEndArray();
            if (result.Claims.Count > 0 || result.DroppedClaims.Count > 0)
            {
                WriteClaims(json, result);
            }

            json.WriteStartObject("summary");
            json.WriteNumber("errors", result.Count(Severity.Error));
            json.WriteNumber("warnings", result.Count(Severity.Warning));
            json.WriteNumber("notes", result.Count(Severity.Note));
            json.WriteNumber("commits", result.CommitCount);
            json.WriteNumber("files", result.FileCount);
            json.WriteStartArray("diagnostics");
            foreach (var d in result.Diagnostics)
            {
                json.WriteStartObject();
                json.WriteString("source", d.Source);
                json.WriteNumber("line", d.Line);
                json.WriteString("severity", d.Severity == DiagnosticSeverity.Error ? "error" : "warning");
                json.WriteString("message", d.Message);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteStartArray("notices");
            foreach (var note in result.Notes)
            {
                json.WriteStringValue(note);
            }

            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteEndObject();
        }

        writer.WriteLine(System.Text.Encoding.UTF8.GetString(stream.ToArray()));
    }

    /// <summary><c>"claims":[{"file","line","kind","confidence","explanation","model","verdict","evidence","posted"}]</c> and the dropped ones.</summary>
    private static void WriteClaims(Utf8JsonWriter json, AnalysisResult result)
    {
        json.WriteStartArray("claims");
        foreach (var c in result.Claims)
        {
            json.WriteStartObject();
            json.WriteString("file", c.Claim.File);
            json.WriteNumber("line", c.Claim.Line);
            json.WriteString("kind", c.Claim.Kind);
            json.WriteNumber("confidence", c.Claim.Confidence);
            if (c.Claim.Function is not null)
            {
                json.WriteString("function", c.Claim.Function);
            }

            json.WriteString("explanation", c.Claim.Explanation);
            json.WriteString("model", c.Model);
            json.WriteString("verdict", Claims.Verification.VerifiedClaim.VerdictWord(c.Verdict));
            json.WriteString("evidence", c.Evidence);
            json.WriteBoolean("alreadyReported", c.AlreadyReported);
            if (c.Finding is not null)
            {
                json.WriteString("fingerprint", c.Finding.Fingerprint);
                json.WriteString("rule", c.Finding.RuleId);
                json.WriteNumber("findingLine", c.Finding.Line);
            }

            if (c.Commit is not null)
            {
                json.WriteString("commit", c.Commit);
            }

            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteStartArray("droppedClaims");
        foreach (var dropped in result.DroppedClaims)
        {
            json.WriteStringValue(dropped);
        }

        json.WriteEndArray();
    }
}
