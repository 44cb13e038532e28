using KernelPrBot.Checks.Patches;
using KernelPrBot.Checks.Rules;

namespace KernelPrBot.Checks.Analysis;

/// <summary>
/// Collects a rule's reports, applying the configured severity and computing fingerprints. Messages, hints and
/// commit names are clipped: they quote the patch, and a hostile patch can hold a line of megabytes.
/// </summary>
public sealed class FindingSink
{
    internal const int MaxMessageLength = 1_000;

    internal const int MaxCommitLength = 200;

    private readonly List<Finding> _findings = [];
    private readonly Dictionary<string, int> _ordinals = new(StringComparer.Ordinal);
    private RuleDescriptor? _rule;
    private Severity _severity;

    public IReadOnlyList<Finding> Findings => _findings;

    /// <summary>Moves the findings of another sink here, except those whose fingerprints are excluded.</summary>
    internal void Import(FindingSink other, IReadOnlySet<string> excludedFingerprints)
    {
        _findings.AddRange(other._findings.Where(f => !excludedFingerprints.Contains(f.Fingerprint)));
    }

    internal void Begin(RuleDescriptor rule, Severity severity)
    {
        _rule = rule;
        _severity = severity;
    }

    internal void ReportCommit(Patch patch, CommitInfo commit, int patchLine, string message, string evidence, string? hint)
    {
        var place = "commit:" + (commit.Id ?? commit.Subject);
        Add(FindingKind.Commit, patch.Source, place, patchLine, patchLine, message, evidence, hint, commit);
    }

    internal void ReportCode(Patch patch, string path, int line, int endLine, string message, string evidence, string? hint) =>
        Add(FindingKind.Code, path, "file:" + path, line, Math.Max(line, endLine), message, evidence, hint, patch.Commit);

    private void Add(FindingKind kind, string file, string place, int line, int endLine, string message, string evidence, string? hint, CommitInfo? commit)
    {
        var rule = _rule ?? throw new InvalidOperationException("a rule reported outside the analyzer");
        var key = $"{rule.Id}\0{place}\0{evidence}";
        _ordinals.TryGetValue(key, out var ordinal);
        _ordinals[key] = ordinal + 1;
        _findings.Add(new Finding
        {
            RuleId = rule.Id,
            Category = rule.Category,
            Label = rule.Label,
            HelpLink = rule.HelpLink,
            Severity = _severity,
            Kind = kind,
            File = file,
            Line = line,
            EndLine = endLine,
            Message = TextClip.Shorten(message, MaxMessageLength),
            Hint = hint is null ? null : TextClip.Shorten(hint, MaxMessageLength),
            Fingerprint = Fingerprint.Compute(rule.Id, place, evidence, ordinal),
            Commit = commit is null ? null : TextClip.Shorten(commit.Id ?? commit.Subject, MaxCommitLength),
            CommitSubject = commit is null ? null : TextClip.Shorten(commit.Subject, MaxCommitLength),
        });
    }
}
