using System.Text;
using KernelPrBot.Checks.Rules;
using KernelPrBot.Review.Summary;

namespace KernelPrBot.Review.Planning;

/// <summary>The bodies of inline comments, open and resolved, each ending in its finding marker.</summary>
public static class CommentText
{
    public static string Active(Finding finding, ReviewOptions options)
    {
        var text = new StringBuilder();
        text.Append(SummaryRenderer.Icon(finding.Severity)).Append(" **").Append(finding.RuleId).Append("** (")
            .Append(finding.Severity.ToString().ToLowerInvariant()).Append("): ").AppendLine(finding.Message);
        if (finding.Hint is not null)
        {
            text.AppendLine().AppendLine(finding.Hint);
        }

        text.AppendLine();
        if (finding.Category == RuleCategory.Model)
        {
            text.Append("<sub>[About the model stage](").Append(options.RuleDocsUrl).Append("../model-stage.md) · `/kpb explain model`</sub>\n");
            text.Append(Markers.Finding(finding.Fingerprint, resolved: false));
            return text.ToString();
        }

        text.Append("<sub>[About this rule](").Append(options.RuleDocsUrl).Append(finding.RuleId).Append(".md) · `/kpb explain ")
            .Append(finding.RuleId).Append("` · maintainers: `/kpb ignore ").Append(finding.RuleId).AppendLine(" <reason>`</sub>");
        text.Append(Markers.Finding(finding.Fingerprint, resolved: false));
        return text.ToString();
    }

    public static string Resolved(string fingerprint, string headSha) =>
        $"✅ Resolved: no longer found at `{(headSha.Length > 12 ? headSha[..12] : headSha)}`.\n{Markers.Finding(fingerprint, resolved: true)}";
}
