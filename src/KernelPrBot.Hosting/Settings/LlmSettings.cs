using KernelPrBot.Hosting.Http;
using KernelPrBot.ModelReview;

namespace KernelPrBot.Hosting.Settings;

/// <summary>
/// The settings section <c>KernelPrBot:Llm</c>: the opt-in model-assisted stage. Off by default; on, every claim the
/// model makes is verified by the analysis before anything is posted. The key comes from the environment (Key Vault
/// on Azure) and is never logged.
/// </summary>
public sealed class LlmSettings
{
    public bool Enabled { get; set; }

    /// <summary><c>openai</c> (any OpenAI-compatible endpoint: OpenAI, Azure OpenAI v1, vLLM, Ollama) or <c>anthropic</c>.</summary>
    public string Provider { get; set; } = "openai";

    public string? Endpoint { get; set; }

    public string? Model { get; set; }

    public string? ApiKey { get; set; }

    /// <summary><c>Authorization</c> (bearer) or the header the server wants the key in (Azure OpenAI: <c>api-key</c>).</summary>
    public string ApiKeyHeader { get; set; } = "Authorization";

    /// <summary>Post the claims the analysis cannot check as marked suggestions (default: listed in the summary only).</summary>
    public bool PostUnverified { get; set; }

    public int MaxToolCalls { get; set; } = 40;

    public long MaxTokens { get; set; } = 400_000;

    public int MaxModelCallsPerPatch { get; set; } = 12;

    public int MaxPatches { get; set; } = 20;

    /// <summary>Wall time of the whole stage per pull request (keep it under a Functions queue trigger's limit).</summary>
    public int TimeBudgetSeconds { get; set; } = 240;

    /// <summary>One model call's timeout (a long answer takes minutes).</summary>
    public int AttemptTimeoutSeconds { get; set; } = 120;

    public int MaxRetries { get; set; } = 3;

    /// <summary>Where answers are kept per head and model; default: kernel-pr-bot-model under the temporary directory.</summary>
    public string? CacheDirectory { get; set; }

    public ModelProvider? ProviderKind => Provider.Trim().ToLowerInvariant() switch
    {
        "openai" or "azure-openai" or "azureopenai" => ModelProvider.OpenAI,
        "anthropic" => ModelProvider.Anthropic,
        _ => null,
    };

    /// <summary>What is wrong with the section when the stage is on (said at start-up, never with the key).</summary>
    public IEnumerable<string> Problems()
    {
        if (!Enabled)
        {
            yield break;
        }

        if (ProviderKind is null)
        {
            yield return $"KernelPrBot:Llm:Provider '{Provider}': use openai or anthropic";
        }

        if (!Uri.TryCreate(Endpoint, UriKind.Absolute, out var endpoint) || endpoint.Scheme is not ("http" or "https"))
        {
            yield return $"KernelPrBot:Llm:Endpoint '{Endpoint}' is not an http(s) URL";
        }

        if (string.IsNullOrWhiteSpace(Model))
        {
            yield return "KernelPrBot:Llm:Model is not set";
        }

        if (ProviderKind == ModelProvider.Anthropic && string.IsNullOrEmpty(ApiKey))
        {
            yield return "KernelPrBot:Llm:ApiKey is not set (anthropic needs one)";
        }

        if (MaxToolCalls < 0 || MaxTokens < 1 || MaxModelCallsPerPatch < 1 || MaxPatches < 1 || TimeBudgetSeconds < 1 || AttemptTimeoutSeconds < 1 || MaxRetries < 0)
        {
            yield return "KernelPrBot:Llm: the budgets (MaxToolCalls, MaxTokens, MaxModelCallsPerPatch, MaxPatches, TimeBudgetSeconds, AttemptTimeoutSeconds, MaxRetries) must be positive";
        }
    }

    public ModelStageOptions ToOptions() => new()
    {
        Provider = ProviderKind ?? ModelProvider.OpenAI,
        Endpoint = new Uri(Endpoint!),
        Model = Model!.Trim(),
        ApiKey = ApiKey,
        ApiKeyHeader = string.IsNullOrWhiteSpace(ApiKeyHeader) ? "Authorization" : ApiKeyHeader.Trim(),
        MaxToolCalls = MaxToolCalls,
        MaxTokens = MaxTokens,
        MaxModelCallsPerPatch = MaxModelCallsPerPatch,
        MaxPatches = MaxPatches,
        TimeBudget = TimeSpan.FromSeconds(TimeBudgetSeconds),
        CacheDirectory = CacheDirectory ?? Path.Combine(Path.GetTempPath(), "kernel-pr-bot-model"),
    };

    /// <summary>The forge's resilience, with model-sized timeouts and chat completions resent on failure.</summary>
    public ForgeResilienceOptions Resilience(ForgeResilienceOptions forge)
    {
        ArgumentNullException.ThrowIfNull(forge);
        return new ForgeResilienceOptions
        {
            MaxRetries = MaxRetries,
            BaseDelay = forge.BaseDelay,
            MaxRetryDelay = forge.MaxRetryDelay,
            AttemptTimeout = TimeSpan.FromSeconds(AttemptTimeoutSeconds),
            TotalTimeout = TimeSpan.FromSeconds(AttemptTimeoutSeconds * (MaxRetries + 1) + 60),
            CircuitBreakerFailureRatio = forge.CircuitBreakerFailureRatio,
            CircuitBreakerMinimumThroughput = forge.CircuitBreakerMinimumThroughput,
            CircuitBreakerSamplingDuration = forge.CircuitBreakerSamplingDuration,
            CircuitBreakerBreakDuration = forge.CircuitBreakerBreakDuration,
            RetryWrites = true,
        };
    }
}
