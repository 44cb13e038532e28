namespace KernelPrBot.Review.Planning;

/// <summary>A maintainer's decision to ignore a rule on one pull request, with the reason they gave.</summary>
public sealed record IgnoreEntry(string RuleId, string Reason, string By);
