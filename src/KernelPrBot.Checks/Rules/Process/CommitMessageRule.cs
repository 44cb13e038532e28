using System.Text.RegularExpressions;

namespace KernelPrBot.Checks.Rules.Process;

/// <summary>Subject 'subsystem: summary' of at most 75 characters without a trailing period, and a body that explains the change.</summary>
public sealed partial class CommitMessageRule : Rule
{
    public const int MaxSubjectLength = 75;

    public override RuleDescriptor Descriptor { get; } = new(
        RuleIds.CommitMessage,
        "Subject or body of the commit message",
        RuleCategory.Process,
        Severity.Warning,
        "The subject is 'subsystem: summary phrase' (copy the prefix style from 'git log --oneline <file>'), at most " +
        "75 characters, without a trailing period. The body says what changes and why; an empty body is not enough " +
        "(Documentation/process/submitting-patches.rst, 'Describe your changes').");

    [GeneratedRegex(@"^[^\s:][^:]{0,60}: \S", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex SubsystemPrefix { get; }

    public override void AnalyzeCommit(CommitContext context)
    {
        var commit = context.Commit;
        var subject = commit.Subject;
        var line = commit.SubjectLine;
        if (subject.Length == 0)
        {
            context.Report(line, "the commit has no subject", "subject-empty");
            return;
        }

        var isRevert = subject.StartsWith("Revert \"", StringComparison.Ordinal) || subject.StartsWith("Merge ", StringComparison.Ordinal);
        if (!isRevert && !SubsystemPrefix.IsMatch(subject))
        {
            context.Report(line, $"subject '{Shorten(subject)}' has no 'subsystem: ' prefix; copy the style of 'git log --oneline' for the changed files",
                "subject-prefix");
        }

        if (subject.Length > MaxSubjectLength && !isRevert)
        {
            context.Report(line, $"subject is {subject.Length} characters; keep it at most {MaxSubjectLength}", "subject-length");
        }

        if (subject.EndsWith('.') && !subject.EndsWith("...", StringComparison.Ordinal))
        {
            context.Report(line, "subject ends with a period; drop it", "subject-period");
        }

        if (commit.Body.Length == 0)
        {
            context.Report(line, "the commit message has no body: describe what the change does and why", "body-empty",
                "Documentation/process/submitting-patches.rst, 'Describe your changes'");
        }
    }

    private static string Shorten(string text) => TextClip.Shorten(text, 60);
}
