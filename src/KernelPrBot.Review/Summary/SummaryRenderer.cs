using System.Text;
using KernelPrBot.Checks.Rules;
using KernelPrBot.Review.Analysis;
using KernelPrBot.Review.Planning;

namespace KernelPrBot.Review.Summary;

/// <summary>Renders the one summary comment (DESIGN.md §6): verdict, table, top findings, policy, debug options, how to re-run.</summary>
public static class SummaryRenderer
{
    public const string PolicyUrl = "https://docs.kernel.org/process/coding-assistants.html";

    /// <summary>GitHub refuses comment bodies over 65,536 characters; keep well below.</summary>
    public const int MaxLength = 60_000;

    private const int TopFindings = 15;

    public static string Render(SummaryInput input)
    {
        var body = Compose(input, TopFindings);
        for (var top = TopFindings; body.Length > MaxLength && top > 0; top /= 2)
        {
            body = Compose(input, top / 2);
        }

        return body.Length <= MaxLength ? body : body[..(MaxLength - 200)] + "\n\n…(cut to fit the forge's limit)\n\n" + Trailer(input);
    }

    private static string Compose(SummaryInput input, int top)
    {
        var text = new StringBuilder();
        var findings = input.Findings;
        var change = input.Change;
        text.AppendLine(Markers.Summary);
        text.Append("## KernelPrBot: ").AppendLine(Verdict(input.Conclusion, findings));
        text.AppendLine();
        text.Append("Checked `").Append(ChangeSeries.ShortSha(change.HeadSha)).Append("` (")
            .Append(Plural(change.Commits.Count, "commit")).Append(", ").Append(Plural(change.Files.Count, "file"))
            .AppendLine(") with the configuration on the base branch.");
        text.AppendLine();

        if (findings.Count > 0)
        {
            text.AppendLine("| Category | Errors | Warnings | Notes |");
            text.AppendLine("|---|---:|---:|---:|");
            foreach (var group in findings.GroupBy(f => f.Category).OrderBy(g => g.Key))
            {
                text.Append("| ").Append(group.Key.ToString().ToLowerInvariant())
                    .Append(" | ").Append(group.Count(f => f.Severity == Severity.Error))
                    .Append(" | ").Append(group.Count(f => f.Severity == Severity.Warning))
                    .Append(" | ").Append(group.Count(f => f.Severity == Severity.Note)).AppendLine(" |");
            }

            text.AppendLine();
            AppendTopFindings(text, findings, top);
        }

        AppendIgnores(text, input);
        if (input.ModelStage is { } stage)
        {
            ModelStageSection.Append(text, stage);
        }

        AppendNotes(text, input.Notes);
        AppendDebugOptions(text, findings);
        AppendSendEmail(text, input.SendEmailCommand);
        AppendPolicy(text);
        text.Append(Trailer(input));
        return text.ToString();
    }

    private static string Trailer(SummaryInput input)
    {
        var text = new StringBuilder();
        text.AppendLine("### Re-run and steer");
        text.AppendLine("Comment `/kpb recheck` (or press **Re-run** on the check), `/kpb explain <rule>` to read about a rule, `/kpb help` for the rest. "
            + "Maintainers can `/kpb ignore <rule> <reason>`; the reason is recorded here.");
        if (input.Ignores.Count > 0)
        {
            text.AppendLine();
            text.AppendLine(Markers.Ignores(input.Ignores));
        }

        return text.ToString();
    }

    private static void AppendTopFindings(StringBuilder text, IReadOnlyList<Finding> findings, int top)
    {
        var code = findings.Where(f => f.Kind == FindingKind.Code).ToList();
        var commits = findings.Where(f => f.Kind == FindingKind.Commit).ToList();
        if (code.Count > 0)
        {
            text.AppendLine("### Top findings");
            foreach (var f in code.Take(top))
            {
                text.Append("- ").Append(Icon(f.Severity)).Append(" `").Append(f.File).Append(':').Append(f.Line).Append("` **")
                    .Append(f.RuleId).Append("**: ").AppendLine(OneLine(f.Message));
            }

            if (code.Count > top)
            {
                text.Append("- …and ").Append(code.Count - top).AppendLine(" more in the check run's annotations.");
            }

            text.AppendLine();
        }

        if (commits.Count > 0)
        {
            text.AppendLine("### Commit messages");
            foreach (var f in commits.Take(top))
            {
                text.Append("- ").Append(Icon(f.Severity)).Append(" `").Append(ChangeSeries.ShortSha(f.Commit ?? string.Empty)).Append("` **")
                    .Append(f.RuleId).Append("**: ").AppendLine(OneLine(f.Message));
            }

            if (commits.Count > top)
            {
                text.Append("- …and ").Append(commits.Count - top).AppendLine(" more.");
            }

            text.AppendLine();
        }
    }

    private static void AppendIgnores(StringBuilder text, SummaryInput input)
    {
        if (input.Ignores.Count == 0)
        {
            return;
        }

        text.AppendLine("### Ignored by maintainers");
        foreach (var ignore in input.Ignores)
        {
            input.IgnoredCounts.TryGetValue(ignore.RuleId, out var hidden);
            text.Append("- `").Append(ignore.RuleId).Append("` by @").Append(ignore.By).Append(": ").Append(ignore.Reason)
                .Append(" (").Append(Plural(hidden, "finding")).AppendLine(" not counted)");
        }

        text.AppendLine();
    }

    private static void AppendNotes(StringBuilder text, IReadOnlyList<string> notes)
    {
        if (notes.Count == 0)
        {
            return;
        }

        text.AppendLine("### Not checked");
        foreach (var note in notes.Take(30))
        {
            text.Append("- ").AppendLine(OneLine(note));
        }

        if (notes.Count > 30)
        {
            text.Append("- …and ").Append(notes.Count - 30).AppendLine(" more.");
        }

        text.AppendLine();
    }

    private static void AppendDebugOptions(StringBuilder text, IReadOnlyList<Finding> findings)
    {
        var advice = findings.Select(f => f.Category).Distinct().Order()
            .Select(c => (Category: c, Text: DebugOptions.For(c))).Where(a => a.Text is not null).ToList();
        if (advice.Count == 0)
        {
            return;
        }

        text.AppendLine("### Catch it at run time");
        text.AppendLine("Boot the patched kernel with these options and exercise the changed paths:");
        foreach (var (category, line) in advice)
        {
            text.Append("- ").Append(category.ToString().ToLowerInvariant()).Append(": ").AppendLine(line);
        }

        text.AppendLine();
    }

    private static void AppendSendEmail(StringBuilder text, string? command)
    {
        if (command is null)
        {
            return;
        }

        text.AppendLine("### Sending it upstream");
        text.AppendLine("This repository mirrors the kernel; patches go to the mailing lists. The recipients from MAINTAINERS:");
        text.AppendLine("```sh");
        text.AppendLine(command);
        text.AppendLine("```");
        text.AppendLine();
    }

    private static void AppendPolicy(StringBuilder text)
    {
        text.AppendLine("### The kernel's rules for tool-assisted patches");
        text.Append("From [AI Coding Assistants](").Append(PolicyUrl).AppendLine("):");
        text.AppendLine("- The person who submits is responsible for every line: review it, test it, and make sure it is GPL-2.0-only compatible.");
        text.AppendLine("- `Signed-off-by:` certifies the Developer Certificate of Origin. Only humans sign off; a tool must never add it.");
        text.AppendLine("- Credit the tool with `Assisted-by: AGENT_NAME:MODEL_VERSION [TOOL1] [TOOL2]`.");
        text.AppendLine();
    }

    private static string Verdict(CheckConclusion conclusion, IReadOnlyList<Finding> findings)
    {
        var errors = findings.Count(f => f.Severity == Severity.Error);
        var warnings = findings.Count(f => f.Severity == Severity.Warning);
        var notes = findings.Count(f => f.Severity == Severity.Note);
        return conclusion switch
        {
            CheckConclusion.Failure => $"❌ {Plural(errors, "error")}, {Plural(warnings, "warning")}",
            CheckConclusion.Neutral => $"⚠️ {Plural(warnings, "warning")}",
            _ when notes > 0 => $"✅ no problems found ({Plural(notes, "note")})",
            _ => "✅ no problems found",
        };
    }

    internal static string Icon(Severity severity) => severity switch
    {
        Severity.Error => "❌",
        Severity.Warning => "⚠️",
        _ => "ℹ️",
    };

    internal static string OneLine(string text)
    {
        var line = string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        return line.Length > 300 ? line[..300] + "…" : line;
    }

    private static string Plural(int n, string word) => n == 1 ? $"1 {word}" : $"{n} {word}s";
}
