namespace KernelPrBot.Checks.Rules;

/// <summary>
/// One problem found. <see cref="Fingerprint"/> is derived from the rule, file and normalised evidence — not
/// from the line — so that a re-run after unrelated edits recognises the same finding.
/// </summary>
public sealed record Finding
{
    public required string RuleId { get; init; }

    /// <summary>The rule's category (atomic, locking, rcu, api, …), carried so that hosts need not look the rule up.</summary>
    public required RuleCategory Category { get; init; }

    /// <summary>The forge label of the category, <c>kpb: atomic</c>.</summary>
    public required string Label { get; init; }

    /// <summary>The rule's help page, relative to the repository (<c>docs/rules/&lt;id&gt;.md</c>).</summary>
    public required string HelpLink { get; init; }

    public required Severity Severity { get; init; }

    public required FindingKind Kind { get; init; }

    public required string File { get; init; }

    public required int Line { get; init; }

    public required int EndLine { get; init; }

    public required string Message { get; init; }

    public string? Hint { get; init; }

    public required string Fingerprint { get; init; }

    /// <summary>The commit the finding belongs to: its id when known, else its subject.</summary>
    public string? Commit { get; init; }

    /// <summary>The subject of that commit, when it has one (a plain diff has none).</summary>
    public string? CommitSubject { get; init; }
}
