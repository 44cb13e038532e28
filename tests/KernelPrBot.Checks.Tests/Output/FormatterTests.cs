using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;
using KernelPrBot.Checks.Analysis;
using KernelPrBot.Checks.Output;
using KernelPrBot.Checks.Patches;
using KernelPrBot.Checks.Rules;
using KernelPrBot.Testing;
using Xunit;
using OutputFormat = KernelPrBot.Checks.Output.OutputFormat;

namespace KernelPrBot.Checks.Tests.Output;

public sealed class FormatterTests
{
    private static readonly AnalysisResult Result = new Analyzer(RuleCatalog.All).Run(PatchParser.Parse(
        new PatchBuilder().Subject("Fix things.").Trailer("Signed-off-by: Claude <noreply@anthropic.com>")
            .AddFile("drivers/misc/a b,c.c", "int f(char *d)\n{\n\tstrcpy(d, \"100%\");\n\tBUG_ON(!d);\n\treturn 0;\n}\n").Build()
        + "\n" + "--- a/x.c\n+++ b/x.c\n@@ -1,3 +1,4 @@\n a\n", "input.patch"));

    private static string Write(OutputFormat format)
    {
        var writer = new StringWriter();
        Formatters.For(format, RuleCatalog.All.Select(r => r.Descriptor).ToList()).Write(Result, writer);
        return writer.ToString();
    }

    [Fact]
    public void Text_is_file_line_severity_message_rule()
    {
        var lines = Write(OutputFormat.Text).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Contains("drivers/misc/a b,c.c:3: warning: strcpy() is deprecated: strcpy() does not check the destination size; use strscpy() [deprecated-api] (commit 1234567890ab \"Fix things.\")", lines);
        Assert.Contains(lines, l => l.StartsWith("input.patch:", StringComparison.Ordinal) && l.EndsWith("[ai-sign-off]", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains(": error: hunk '@@ -1,3 +1,4 @@'", StringComparison.Ordinal) && l.EndsWith("[input]", StringComparison.Ordinal));
        Assert.Matches(@"^\d+ errors, \d+ warnings, \d+ notes in 1 commits, 2 files$", lines[^1]);
        Assert.DoesNotContain("\u001b[", string.Join('\n', lines), StringComparison.Ordinal);
    }

    [Fact]
    public void Text_names_a_code_findings_commit_but_not_a_plain_diffs_or_an_all_zero_id()
    {
        static string[] Lines(string patch) => Lines2(new Analyzer(RuleCatalog.All).Run(PatchParser.Parse(patch, "p.patch")));
        static string[] Lines2(AnalysisResult result)
        {
            var writer = new StringWriter();
            Formatters.For(OutputFormat.Text, RuleCatalog.All.Select(r => r.Descriptor).ToList()).Write(result, writer);
            return writer.ToString().Split('\n');
        }

        var mail = new PatchBuilder().Subject("misc: acme: copy the name").SignedOffByAuthor()
            .AddFile("drivers/misc/acme.c", "// SPDX-License-Identifier: GPL-2.0\nvoid f(char *d)\n{\n\tstrcpy(d, \"x\");\n}\n").Build();
        Assert.Contains(Lines(mail), l => l.EndsWith("[deprecated-api] (commit 1234567890ab \"misc: acme: copy the name\")", StringComparison.Ordinal));

        var zero = mail.Replace("From 1234567890abcdef1234567890abcdef12345678 ", "From 0000000000000000000000000000000000000000 ", StringComparison.Ordinal);
        Assert.Contains(Lines(zero), l => l.EndsWith("[deprecated-api] (commit \"misc: acme: copy the name\")", StringComparison.Ordinal));

        var diff = mail[mail.IndexOf("diff --git", StringComparison.Ordinal)..];
        Assert.Contains(Lines(diff), l => l.EndsWith("[deprecated-api]", StringComparison.Ordinal));
    }

    [Fact]
    public void Json_has_the_documented_shape()
    {
        var json = JsonNode.Parse(Write(OutputFormat.Json))!;
        var findings = json["findings"]!.AsArray();
        Assert.Equal(Result.Findings.Count, findings.Count);
        foreach (var f in findings)
        {
            foreach (var key in new[] { "rule", "severity", "file", "line", "endLine", "message", "fingerprint", "kind" })
            {
                Assert.NotNull(f![key]);
            }
        }

        var summary = json["summary"]!;
        Assert.Equal(Result.Count(Severity.Error), summary["errors"]!.GetValue<int>());
        Assert.Equal(Result.Count(Severity.Warning), summary["warnings"]!.GetValue<int>());
        Assert.NotEmpty(summary["diagnostics"]!.AsArray());
    }

    [Fact]
    public void Sarif_validates_against_the_official_schema()
    {
        var schema = SarifSchema.Schema;
        if (schema is null)
        {
            Assert.False(KernelTree.RequiredByCi, "CI must provide the SARIF schema (scripts/install-test-tools.sh)");
            return;
        }

        var sarif = JsonDocument.Parse(Write(OutputFormat.Sarif)).RootElement;
        var evaluation = schema.Evaluate(sarif, new EvaluationOptions { OutputFormat = Json.Schema.OutputFormat.List });
        Assert.True(evaluation.IsValid, string.Join('\n', (evaluation.Details ?? []).Where(d => d.Errors is not null).SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Value}"))));
        Assert.Equal(Result.Findings.Count, sarif.GetProperty("runs")[0].GetProperty("results").GetArrayLength());
        Assert.Equal("drivers/misc/a%20b%2Cc.c", sarif.GetProperty("runs")[0].GetProperty("results").EnumerateArray()
            .First(r => r.GetProperty("ruleId").GetString() == "deprecated-api")
            .GetProperty("locations")[0].GetProperty("physicalLocation").GetProperty("artifactLocation").GetProperty("uri").GetString());
    }

    [Fact]
    public void Sarif_with_a_broken_document_fails_the_schema()
    {
        var schema = SarifSchema.Schema;
        if (schema is null)
        {
            Assert.False(KernelTree.RequiredByCi, "CI must provide the SARIF schema (scripts/install-test-tools.sh)");
            return;
        }

        var node = JsonNode.Parse(Write(OutputFormat.Sarif))!;
        node["runs"]![0]!["results"]![0]!["level"] = "fatal";
        Assert.False(schema.Evaluate(JsonDocument.Parse(node.ToJsonString()).RootElement).IsValid);
    }

    [Fact]
    public void GitHub_annotations_escape_properties_and_data()
    {
        var lines = Write(OutputFormat.GitHub).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Contains(lines, l => l.StartsWith("::warning file=drivers/misc/a b%2Cc.c,line=3,endLine=3,title=deprecated-api::strcpy()", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("::error file=input.patch,", StringComparison.Ordinal));
        Assert.Equal("100%25%0Aend", GitHubAnnotationFormatter.EscapeData("100%\nend"));
    }
}
