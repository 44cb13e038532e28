namespace KernelPrBot.Review.Commands;

public enum SlashCommandKind
{
    Recheck,
    Explain,
    Ignore,
    Help,

    /// <summary><c>/kpb</c> followed by something we do not know, or missing arguments: answered with help.</summary>
    Invalid,
}
