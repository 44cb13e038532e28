namespace KernelPrBot.EndToEnd.Tests;

/// <summary>The commands of the matrix and what each permission level may do with them.</summary>
internal static class SlashCommandCase
{
    public static readonly string[] Commands =
    [
        "/kpb recheck",
        "/kpb explain atomic-sleeping-alloc",
        "/kpb ignore atomic-sleeping-alloc only called from process context",
        "/kpb help",
        "/kpb frobnicate",
    ];

    /// <summary>Whether the command is accepted and whether it makes the bot review again.</summary>
    public static (bool Accepted, bool Reviews) Expected(string command, bool canTriage, bool canWrite) => command.Split(' ')[1] switch
    {
        "recheck" => (canTriage, canTriage),
        "ignore" => (canWrite, canWrite),
        "explain" or "help" => (true, false),
        _ => (false, false),
    };
}
