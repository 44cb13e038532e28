using System.Security.Cryptography;
using System.Text;
using KernelPrBot.Checks.Rules;
using KernelPrBot.Review.Analysis;
using KernelPrBot.Review.Model;
using KernelPrBot.Review.Summary;

namespace KernelPrBot.Review.Planning;

/// <summary>
/// Compares what the pull request should show with what the bot posted before and plans the difference.
/// Pure: the same inputs give the same plan, and an unchanged pull request gives an empty one.
/// </summary>
public static class ReviewPlanner
{
    public const string LabelPrefix = RuleDescriptor.LabelPrefix;

    public static ReviewPlan Plan(PlannerInput input)
    {
        var options = input.Options;
        var prior = input.Prior;
        var (active, ignoredCounts) = ApplyIgnores(input.Findings, input.Ignores);
        var ordered = active
            .OrderByDescending(f => f.Severity)
            .ThenBy(f => f.Kind)
            .ThenBy(f => f.File, StringComparer.Ordinal)
            .ThenBy(f => f.Line)
            .ThenBy(f => f.RuleId, StringComparer.Ordinal)
            .ToList();
        var conclusion = ordered.Any(f => f.Severity == Severity.Error) ? CheckConclusion.Failure
            : ordered.Any(f => f.Severity == Severity.Warning) ? CheckConclusion.Neutral
            : CheckConclusion.Success;

        var (newComments, edits) = PlanComments(ordered, input, options, prior);
        var (addLabels, removeLabels) = PlanLabels(ordered, prior.Labels);

        var summaryBody = SummaryRenderer.Render(new SummaryInput
        {
            Change = input.Change,
            Conclusion = conclusion,
            Findings = ordered,
            Ignores = input.Ignores,
            IgnoredCounts = ignoredCounts,
            Notes = input.Notes,
            SendEmailCommand = input.SendEmailCommand,
            Options = options,
            ModelStage = input.ModelStage,
        });
        SummaryChange? summary = prior.Summary is null ? new SummaryChange(null, summaryBody)
            : string.Equals(Normalise(prior.Summary.Body), Normalise(summaryBody), StringComparison.Ordinal) ? null
            : new SummaryChange(prior.Summary.Id, summaryBody);

        var checkRun = PlanCheckRun(ordered, input, conclusion, summaryBody, prior.CheckRun);
        return new ReviewPlan
        {
            HeadSha = input.Change.HeadSha,
            ReviewBody = newComments.Count == 0 ? string.Empty
                : $"KernelPrBot found {newComments.Count} new problem{(newComments.Count == 1 ? string.Empty : "s")} on lines this pull request changes. The summary comment has the whole picture.",
            NewComments = newComments,
            CommentEdits = edits,
            LabelsToAdd = addLabels,
            LabelsToRemove = removeLabels,
            Summary = summary,
            CheckRun = checkRun,
        };
    }

    private static (List<Finding> Active, Dictionary<string, int> IgnoredCounts) ApplyIgnores(IReadOnlyList<Finding> findings, IReadOnlyList<IgnoreEntry> ignores)
    {
        var ignored = ignores.Select(i => i.RuleId).ToHashSet(StringComparer.Ordinal);
        var counts = findings.Where(f => ignored.Contains(f.RuleId)).GroupBy(f => f.RuleId).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        return (findings.Where(f => !ignored.Contains(f.RuleId)).ToList(), counts);
    }

    private static (List<PlannedComment> New, List<CommentEdit> Edits) PlanComments(
        List<Finding> ordered, PlannerInput input, ReviewOptions options, PriorBotState prior)
    {
        var byFingerprint = new Dictionary<string, Finding>(StringComparer.Ordinal);
        foreach (var f in ordered.Where(f => f.Kind == FindingKind.Code))
        {
            byFingerprint.TryAdd(f.Fingerprint, f);
        }

        var posted = prior.InlineComments.GroupBy(c => c.Fingerprint, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var edits = new List<CommentEdit>();
        foreach (var comment in prior.InlineComments)
        {
            var stillFound = byFingerprint.TryGetValue(comment.Fingerprint, out var finding);
            if (!stillFound && !comment.Resolved)
            {
                edits.Add(new CommentEdit(comment.Id, CommentText.Resolved(comment.Fingerprint, input.Change.HeadSha), Resolves: true, comment.ThreadId));
            }
            else if (stillFound && comment.Resolved)
            {
                edits.Add(new CommentEdit(comment.Id, CommentText.Active(finding!, options), Resolves: false, comment.ThreadId));
            }
        }

        var open = prior.InlineComments.Count(c => byFingerprint.ContainsKey(c.Fingerprint));
        var room = Math.Max(0, options.MaxInlineComments - open);
        var created = new List<PlannedComment>();
        foreach (var finding in byFingerprint.Values)
        {
            if (created.Count >= room)
            {
                break;
            }

            if (posted.ContainsKey(finding.Fingerprint))
            {
                continue;
            }

            var place = input.Diff.Placement(finding.File, finding.Line, options.CommentOn);
            if (place is null)
            {
                continue;
            }

            var line = place == 0 ? null : place;
            created.Add(new PlannedComment(finding.File, line, CommentText.Active(finding, options), finding.Fingerprint, line is { } l ? input.Diff.ContextOldLine(finding.File, l) : null));
        }

        return (created, edits);
    }

    private static (List<string> Add, List<string> Remove) PlanLabels(List<Finding> ordered, IReadOnlyList<string> current)
    {
        var desired = ordered.Select(f => f.Label).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var present = current.ToHashSet(StringComparer.OrdinalIgnoreCase);
        var add = desired.Where(l => !present.Contains(l)).ToList();
        var remove = current.Where(l => l.StartsWith(LabelPrefix, StringComparison.OrdinalIgnoreCase) && !desired.Contains(l, StringComparer.OrdinalIgnoreCase))
            .Order(StringComparer.Ordinal).ToList();
        return (add, remove);
    }

    private static CheckRunChange? PlanCheckRun(List<Finding> ordered, PlannerInput input, CheckConclusion conclusion, string summaryBody, PostedCheckRun? prior)
    {
        var annotations = ordered
            .Where(f => f.Kind == FindingKind.Code && input.Diff.ContainsFile(f.File))
            .Select(f => new PlannedAnnotation(f.File, f.Line, Math.Max(f.Line, f.EndLine), f.Severity, f.RuleId, AnnotationMessage(f)))
            .DistinctBy(a => a.Key)
            .Take(input.Options.MaxAnnotations)
            .ToList();
        var title = conclusion switch
        {
            CheckConclusion.Failure => $"{ordered.Count(f => f.Severity == Severity.Error)} error(s) in this pull request",
            CheckConclusion.Neutral => $"{ordered.Count(f => f.Severity == Severity.Warning)} warning(s) in this pull request",
            _ => "No problems found",
        };
        var externalId = $"{input.Change.Number}:{StateHash(conclusion, annotations, summaryBody)}";
        if (prior is { Completed: true } && string.Equals(prior.ExternalId, externalId, StringComparison.Ordinal))
        {
            return null;
        }

        if (prior is { Completed: false })
        {
            var missing = annotations.Where(a => !prior.AnnotationKeys.Contains(a.Key)).ToList();
            return new CheckRunChange(prior.Id, input.Options.CheckName, conclusion, title, summaryBody, missing, externalId);
        }

        return new CheckRunChange(null, input.Options.CheckName, conclusion, title, summaryBody, annotations, externalId);
    }

    private static string AnnotationMessage(Finding f) => f.Hint is null ? f.Message : f.Message + "\n" + f.Hint;

    private static string StateHash(CheckConclusion conclusion, List<PlannedAnnotation> annotations, string summary)
    {
        var text = new StringBuilder().Append(conclusion).Append('\n');
        foreach (var a in annotations)
        {
            text.Append(a.Key).Append('\n');
        }

        text.Append(Normalise(summary));
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())))[..16];
    }

    /// <summary>Forges may normalise line endings and trailing space of stored bodies; compare without them.</summary>
    private static string Normalise(string body) =>
        string.Join('\n', body.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n').Select(l => l.TrimEnd())).Trim();
}
