namespace KernelPrBot.Review.Commands;

/// <summary>A parsed <c>/kpb</c> command. <see cref="Problem"/> says what was wrong with an <see cref="SlashCommandKind.Invalid"/> one.</summary>
public sealed record SlashCommand(SlashCommandKind Kind, string? RuleId = null, string? Reason = null, string? Problem = null)
{
    /// <summary>Who may run it: recheck needs triage (or authorship), ignore needs write, the rest anyone.</summary>
    public bool NeedsMaintainer => Kind == SlashCommandKind.Ignore;
}
