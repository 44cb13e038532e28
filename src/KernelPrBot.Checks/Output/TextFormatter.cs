using KernelPrBot.Checks.Analysis;
using KernelPrBot.Checks.Patches;
using KernelPrBot.Checks.Rules;

namespace KernelPrBot.Checks.Output;

/// <summary>
/// <c>file:line: severity: message [rule]</c>, one finding a line, with ANSI colours on a terminal. A code finding
/// names its commit as kernel people quote one, <c>(commit 1234567890ab "subject")</c>: in a series the same file
/// may change in several patches.
/// </summary>
public sealed class TextFormatter(bool colour) : IFindingFormatter
{
    public void Write(AnalysisResult result, TextWriter writer)
    {
        foreach (var d in result.Diagnostics)
        {
            var word = d.Severity == DiagnosticSeverity.Error ? "error" : "warning";
            writer.WriteLine($"{d.Source}:{d.Line}: {Paint(word, d.Severity == DiagnosticSeverity.Error ? Severity.Error : Severity.Warning)}: {d.Message} [input]");
        }

        foreach (var f in result.Findings)
        {
            writer.WriteLine($"{f.File}:{f.Line}: {Paint(Formatters.SeverityWord(f.Severity), f.Severity)}: {f.Message} [{f.RuleId}]{CommitSuffix(f)}");
        }

        foreach (var note in result.Notes)
        {
            writer.WriteLine($"note: {note}");
        }

        foreach (var c in result.Claims)
        {
            writer.WriteLine($"claim: {c.Claim.File}:{c.Claim.Line}: {c.Claim.Kind} by {c.Model}: {Claims.Verification.VerifiedClaim.VerdictWord(c.Verdict)}{(c.AlreadyReported ? " (reported by the rules too)" : string.Empty)}: {c.Evidence}");
        }

        foreach (var dropped in result.DroppedClaims)
        {
            writer.WriteLine($"claim dropped: {dropped}");
        }

        writer.WriteLine(
            $"{result.Count(Severity.Error)} errors, {result.Count(Severity.Warning)} warnings, {result.Count(Severity.Note)} notes " +
            $"in {result.CommitCount} commits, {result.FileCount} files");
    }

    private static string CommitSuffix(Finding finding)
    {
        if (finding.Kind != FindingKind.Code || finding.Commit is null)
        {
            return string.Empty;
        }

        var subject = string.IsNullOrEmpty(finding.CommitSubject) ? string.Empty : $" \"{finding.CommitSubject}\"";
        var id = finding.Commit != finding.CommitSubject && IsRealCommitId(finding.Commit) ? " " + finding.Commit[..12] : string.Empty;
        return id.Length + subject.Length == 0 ? string.Empty : $" (commit{id}{subject})";
    }

    /// <summary>A hex id of 12 or more digits, not the all-zero one <c>git format-patch --zero-commit</c> writes.</summary>
    private static bool IsRealCommitId(string id) =>
        id.Length >= 12 && id.All(char.IsAsciiHexDigit) && id.Any(c => c != '0');

    private string Paint(string word, Severity severity)
    {
        if (!colour)
        {
            return word;
        }

        var code = severity switch
        {
            Severity.Error => "31",
            Severity.Warning => "33",
            _ => "36",
        };
        return $"\u001b[1;{code}m{word}\u001b[0m";
    }
}
