using KernelPrBot.Checks.Analysis;
using KernelPrBot.Checks.Patches;
using KernelPrBot.Checks.Rules;

namespace KernelPrBot.Checks.Output;

/// <summary>GitHub Actions workflow commands: <c>::error file=…,line=…,endLine=…,title=…::message</c>.</summary>
public sealed class GitHubAnnotationFormatter : IFindingFormatter
{
    public void Write(AnalysisResult result, TextWriter writer)
    {
        foreach (var d in result.Diagnostics)
        {
            writer.WriteLine($"::{(d.Severity == DiagnosticSeverity.Error ? "error" : "warning")} title=input::{EscapeData($"{d.Source}:{d.Line}: {d.Message}")}");
        }

        foreach (var f in result.Findings)
        {
            var command = f.Severity switch
            {
                Severity.Error => "error",
                Severity.Warning => "warning",
                _ => "notice",
            };
            writer.WriteLine($"::{command} file={EscapeProperty(f.File)},line={f.Line},endLine={f.EndLine},title={EscapeProperty(f.RuleId)}::{EscapeData(f.Message)}");
        }
    }

    // The escapes of the Actions toolkit (core/command.ts): data escapes %, CR, LF; properties also ':' and ','.
    internal static string EscapeData(string text) =>
        text.Replace("%", "%25", StringComparison.Ordinal).Replace("\r", "%0D", StringComparison.Ordinal).Replace("\n", "%0A", StringComparison.Ordinal);

    internal static string EscapeProperty(string text) =>
        EscapeData(text).Replace(":", "%3A", StringComparison.Ordinal).Replace(",", "%2C", StringComparison.Ordinal);
}
