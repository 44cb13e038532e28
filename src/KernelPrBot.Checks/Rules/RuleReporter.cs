using KernelPrBot.Checks.Patches;

namespace KernelPrBot.Checks.Rules;

/// <summary>
/// Collects what one rule reports in one run (over a commit or a file), applying the configured severity and
/// computing fingerprints. Messages, hints and commit names are clipped: they quote the patch, and a hostile patch
/// can hold a line of megabytes.
/// </summary>
public sealed class RuleReporter
{
    internal const int MaxMessageLength = 1_000;

    internal const int MaxCommitLength = 200;

    private readonly List<Finding> _findings = [];
    private readonly RuleDescriptor _rule;
    private readonly Severity _severity;
    private readonly Dictionary<string, int> _ordinals;

    /// <param name="ordinals">How often each (rule, place, evidence) was reported before, for the fingerprint's ordinal:
    /// shared over a whole run, or fresh for a run of its own (the two sides of a differential comparison).</param>
    internal RuleReporter(RuleDescriptor rule, Severity severity, Dictionary<string, int>? ordinals = null)
    {
        _rule = rule;
        _severity = severity;
        _ordinals = ordinals ?? new Dictionary<string, int>(StringComparer.Ordinal);
    }

    public IReadOnlyList<Finding> Findings => _findings;

    internal void ReportCommit(Patch patch, CommitInfo commit, int patchLine, string message, string evidence, string? hint)
    {
        var place = "commit:" + (commit.Id ?? commit.Subject);
        Add(FindingKind.Commit, patch.Source, place, patchLine, patchLine, message, evidence, hint, commit);
    }

    internal void ReportCode(Patch patch, string path, int line, int endLine, string message, string evidence, string? hint) =>
        Add(FindingKind.Code, path, "file:" + path, line, Math.Max(line, endLine), message, evidence, hint, patch.Commit);

    private void Add(FindingKind kind, string file, string place, int line, int endLine, string message, string evidence, string? hint, CommitInfo? commit)
    {
        var key = $"{_rule.Id}\0{place}\0{evidence}";
        _ordinals.TryGetValue(key, out var ordinal);
        _ordinals[key] = ordinal + 1;
        _findings.Add(new Finding
        {
            RuleId = _rule.Id,
            Category = _rule.Category,
            Label = _rule.Label,
            HelpLink = _rule.HelpLink,
            Severity = _severity,
            Kind = kind,
            File = file,
            Line = line,
            EndLine = endLine,
            Message = TextClip.Shorten(message, MaxMessageLength),
            Hint = hint is null ? null : TextClip.Shorten(hint, MaxMessageLength),
            Fingerprint = Fingerprint.Compute(_rule.Id, place, evidence, ordinal),
            Commit = commit is null ? null : TextClip.Shorten(commit.Id ?? commit.Subject, MaxCommitLength),
            CommitSubject = commit is null ? null : TextClip.Shorten(commit.Subject, MaxCommitLength),
        });
    }
}
