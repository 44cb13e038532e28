using System.Globalization;
using System.Text;
using KernelPrBot.Checks.Claims;
using KernelPrBot.Checks.Claims.Verification;
using KernelPrBot.Review.Model;
using KernelPrBot.Review.ModelStage;
using KernelPrBot.Review.Summary;

namespace KernelPrBot.Review.Commands;

/// <summary><c>/kpb explain model</c>: every claim the model made on the current head, the tool calls it made, and the analysis' verdict on each.</summary>
public static class ModelStageExplanation
{
    public const string Topic = "model";

    private const int MaxClaims = 40;
    private const int MaxToolCalls = 60;

    public static async Task<string> RenderAsync(IModelReviewer? reviewer, Change change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(change);
        if (reviewer is null)
        {
            return "The model-assisted stage is off on this bot (Llm:Enabled): every finding here comes from the rules.";
        }

        var record = await reviewer.FindRecordAsync(change, cancellationToken).ConfigureAwait(false);
        if (record is null)
        {
            return $"The model stage ({reviewer.Model}) has not run on `{Short(change.HeadSha)}` yet; `/kpb recheck` runs it.";
        }

        var text = new StringBuilder();
        text.Append("### Model stage on `").Append(Short(record.HeadSha)).Append("` (").Append(record.Model).AppendLine(")");
        text.AppendLine();
        if (record.Verdicts.Count == 0)
        {
            text.AppendLine("The model made no claim.");
        }
        else
        {
            text.AppendLine("| Claim | Kind | Confidence | Verdict | Evidence |");
            text.AppendLine("|---|---|---:|---|---|");
            foreach (var v in record.Verdicts.Take(MaxClaims))
            {
                text.Append("| `").Append(v.Claim.File.Replace("`", string.Empty, StringComparison.Ordinal)).Append(':').Append(v.Claim.Line).Append("` ")
                    .Append(Cell(v.Claim.Explanation)).Append(" | ").Append(v.Claim.Kind).Append(" | ")
                    .Append(v.Claim.Confidence.ToString("0.##", CultureInfo.InvariantCulture)).Append(" | ")
                    .Append(VerifiedClaim.VerdictWord(v.Verdict)).Append(v.AlreadyReported ? " (the rules report it too)" : string.Empty).Append(" | ")
                    .Append(Cell(v.Evidence)).AppendLine(" |");
            }
        }

        foreach (var dropped in record.Dropped.Take(10))
        {
            text.Append("- dropped: ").AppendLine(ModelStageSection.Inline(dropped));
        }

        text.AppendLine();
        var calls = record.Run.ToolCalls;
        text.Append("<details><summary>").Append(calls.Count).AppendLine(" tool calls</summary>");
        text.AppendLine();
        foreach (var call in calls.Take(MaxToolCalls))
        {
            text.Append("- `").Append(call.Tool).Append("` ").Append(Cell(call.Arguments)).Append(" → ").Append(call.ResultCharacters).AppendLine(" characters");
        }

        text.AppendLine();
        text.AppendLine("</details>");
        var usage = record.Run.Usage;
        text.Append("Spent ").Append(usage.ModelCalls).Append(" model calls, ").Append(usage.InputTokens.ToString("N0", CultureInfo.InvariantCulture)).Append(" input and ")
            .Append(usage.OutputTokens.ToString("N0", CultureInfo.InvariantCulture)).AppendLine(" output tokens.");
        return text.ToString();
    }

    private static string Cell(string text) => ModelStageSection.Inline(text).Replace("|", "\\|", StringComparison.Ordinal);

    private static string Short(string sha) => sha.Length > 12 ? sha[..12] : sha;
}
