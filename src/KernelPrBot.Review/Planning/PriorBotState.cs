namespace KernelPrBot.Review.Planning;

/// <summary>What the bot finds of its own earlier work on a pull request: the input that makes re-runs idempotent.</summary>
public sealed record PriorBotState
{
    public static PriorBotState Empty { get; } = new();

    /// <summary>The bot's inline comments that carry a finding marker.</summary>
    public IReadOnlyList<PostedComment> InlineComments { get; init; } = [];

    /// <summary>Every label on the pull request (the planner only touches the <c>kpb: </c> ones).</summary>
    public IReadOnlyList<string> Labels { get; init; } = [];

    public PostedSummary? Summary { get; init; }

    /// <summary>The newest check run of the bot for the head commit.</summary>
    public PostedCheckRun? CheckRun { get; init; }

    /// <summary>Comment ids the bot has already answered.</summary>
    public IReadOnlySet<long> RepliedTo { get; init; } = new HashSet<long>();
}

/// <summary>An inline comment of the bot; <see cref="ThreadId"/> is its discussion where the forge has resolvable threads.</summary>
public sealed record PostedComment(long Id, string Fingerprint, bool Resolved, string Path, int? Line, string? ThreadId = null);

public sealed record PostedSummary(long Id, string Body);

/// <summary>A check run already on the head commit; <see cref="AnnotationKeys"/> are <see cref="PlannedAnnotation.Key"/>s.</summary>
public sealed record PostedCheckRun(long Id, bool Completed, string? ExternalId, IReadOnlySet<string> AnnotationKeys);
