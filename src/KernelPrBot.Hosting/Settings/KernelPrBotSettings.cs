using KernelPrBot.GitHub;
using KernelPrBot.GitLab;
using KernelPrBot.Hosting.Http;

namespace KernelPrBot.Hosting.Settings;

/// <summary>
/// The settings section <c>KernelPrBot</c> (DESIGN.md §9), bound from appsettings.json, environment variables
/// (<c>KernelPrBot__GitHub__WebhookSecret</c>) and the command line (<c>--KernelPrBot:Queue:Path=…</c>).
/// </summary>
public sealed class KernelPrBotSettings
{
    public const string Section = "KernelPrBot";

    public GitHubOptions GitHub { get; set; } = new();

    public GitLabOptions GitLab { get; set; } = new();

    public QueueSettings Queue { get; set; } = new();

    public IndexSettings Index { get; set; } = new();

    public ReviewSettings Review { get; set; } = new();

    /// <summary>The opt-in model-assisted review stage.</summary>
    public LlmSettings Llm { get; set; } = new();

    /// <summary>Retries, timeouts, circuit breaker and write pacing of forge calls.</summary>
    public ForgeResilienceOptions Http { get; set; } = new();
}
