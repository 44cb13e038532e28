using System.Globalization;
using System.Text;
using KernelPrBot.Checks.Claims;
using KernelPrBot.Review.ModelStage;

namespace KernelPrBot.Review.Summary;

/// <summary>
/// The summary's model-stage section: which model, what the analysis made of each claim, what was spent and skipped,
/// and the claims it could not check in a collapsed list (posted nowhere else unless Llm:PostUnverified is on).
/// </summary>
public static class ModelStageSection
{
    private const int ListedClaims = 20;

    public static void Append(StringBuilder text, ModelStageSummary stage)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(stage);
        text.Append("### Model-assisted review (").Append(Code(stage.Model)).AppendLine(")");
        var claims = stage.Verdicts.Count;
        if (stage.Run.Answers is null)
        {
            text.AppendLine("The model stage did not answer; the findings above are the rules' alone.");
        }
        else
        {
            text.Append("The model ").Append(Code(stage.Model)).Append(" reviewed the C changes with the kernel model as its tools and made ")
                .Append(claims).Append(claims == 1 ? " claim" : " claims").AppendLine("; the analysis checked each one before anything was posted:");
            text.Append("- confirmed: ").Append(stage.Count(ClaimVerdict.Confirmed)).Append(" (")
                .Append(stage.Added).AppendLine(" added as findings, marked as proposed by the model; the others the rules had reported)");
            text.Append("- contradicted by the analysis (not posted): ").Append(stage.Count(ClaimVerdict.Contradicted)).AppendLine();
            text.Append("- not checkable (").Append(stage.PostUnverified ? "posted as marked suggestions" : "listed below, not posted").Append("): ")
                .Append(stage.Count(ClaimVerdict.NotCheckable)).AppendLine();
            text.Append("- about code this pull request does not change (not posted): ").Append(stage.Count(ClaimVerdict.OutOfDiff)).AppendLine();
            text.Append("- malformed answers (dropped): ").Append(stage.Dropped.Count).AppendLine();
        }

        var usage = stage.Run.Usage;
        text.Append("Spent: ").Append(Plural(usage.ModelCalls, "model call")).Append(", ").Append(Plural(usage.ToolCalls, "tool call")).Append(", ")
            .Append(usage.InputTokens.ToString("N0", CultureInfo.InvariantCulture)).Append(" input and ")
            .Append(usage.OutputTokens.ToString("N0", CultureInfo.InvariantCulture)).AppendLine(" output tokens on this head.");
        foreach (var note in stage.Run.Notes)
        {
            text.Append("- ").AppendLine(note);
        }

        var unverified = stage.Verdicts.Where(v => v.Verdict == ClaimVerdict.NotCheckable).ToList();
        if (unverified.Count > 0 && !stage.PostUnverified)
        {
            text.AppendLine();
            text.Append("<details><summary>").Append(Plural(unverified.Count, "claim")).AppendLine(" the analysis could not check (not verified, not posted)</summary>");
            text.AppendLine();
            foreach (var v in unverified.Take(ListedClaims))
            {
                text.Append("- `").Append(v.Claim.File.Replace("`", string.Empty, StringComparison.Ordinal)).Append(':').Append(v.Claim.Line).Append("` ")
                    .Append(v.Claim.Kind).Append(" (confidence ").Append(v.Claim.Confidence.ToString("0.##", CultureInfo.InvariantCulture)).Append("): ")
                    .AppendLine(Inline(v.Claim.Explanation));
            }

            if (unverified.Count > ListedClaims)
            {
                text.Append("- … and ").Append(unverified.Count - ListedClaims).AppendLine(" more (`/kpb explain model` lists them all)");
            }

            text.AppendLine();
            text.AppendLine("</details>");
        }

        text.AppendLine("`/kpb explain model` shows every claim, the tool calls and the verdicts. The bot never adds review tags (`Reviewed-by:` …).");
        text.AppendLine();
    }

    private static string Code(string text) => "`" + text.Replace("`", string.Empty, StringComparison.Ordinal) + "`";

    /// <summary>A model's text on one line, without Markdown that could ping people or hide the rest of the comment.</summary>
    internal static string Inline(string text)
    {
        var flat = string.Join(' ', text.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        flat = flat.Replace("@", "@\u200b", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal).Replace(">", "&gt;", StringComparison.Ordinal);
        return flat.Length > 400 ? flat[..400] + "…" : flat;
    }

    private static string Plural(int n, string word) => $"{n} {word}{(n == 1 ? string.Empty : "s")}";
}
