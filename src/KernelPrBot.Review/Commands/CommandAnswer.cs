using KernelPrBot.Review.Planning;

namespace KernelPrBot.Review.Commands;

/// <summary>How the bot answers a command: a reply (or none), a reaction, and whether a review runs.</summary>
public sealed record CommandAnswer(bool RunsReview, string? ReplyText, string Reaction, IReadOnlyList<IgnoreEntry> Ignores)
{
    public const string Accepted = "+1";
    public const string Refused = "confused";

    public IReadOnlyList<PlannedReply> Replies(long commentId) =>
        ReplyText is null ? [] : [new PlannedReply(commentId, ReplyText + "\n" + Markers.Reply(commentId))];

    public IReadOnlyList<PlannedReaction> Reactions(long commentId) => [new PlannedReaction(commentId, Reaction)];
}
