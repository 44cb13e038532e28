namespace KernelPrBot.Testing.FakeGitLab;

/// <summary>Settings of a <see cref="FakeGitLabServer"/>.</summary>
public sealed class FakeGitLabOptions
{
    /// <summary>The bot user every server starts with.</summary>
    public string BotLogin { get; init; } = "kpb-bot";

    /// <summary>The bot's personal/project access token (send as <c>PRIVATE-TOKEN</c> or <c>Authorization: Bearer</c>).</summary>
    public string BotToken { get; init; } = "glpat-kpb-bot-token-0000";

    /// <summary>Requests per user and minute, as GitLab.com's authenticated API limit.</summary>
    public int RateLimit { get; init; } = 2000;

    /// <summary>A changed file whose old or new content is larger than this gets <c>too_large: true</c> and an empty diff.</summary>
    public int TooLargeBytes { get; init; } = 200_000;

    /// <summary>Clock for timestamps and rate-limit windows.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;
}
