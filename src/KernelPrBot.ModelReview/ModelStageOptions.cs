namespace KernelPrBot.ModelReview;

/// <summary>
/// The model stage's settings (Llm:*): where the model is, and the bounds of one pull request's review. The key is
/// never logged or shown (<see cref="ToString"/> leaves it out).
/// </summary>
public sealed record ModelStageOptions
{
    public ModelProvider Provider { get; init; } = ModelProvider.OpenAI;

    /// <summary>The API's base address (for OpenAI-compatible servers, the one that ends in <c>/v1</c>).</summary>
    public required Uri Endpoint { get; init; }

    public required string Model { get; init; }

    public string? ApiKey { get; init; }

    /// <summary>Where an OpenAI-compatible server wants the key: <c>Authorization</c> (bearer, the default) or a header such as Azure's <c>api-key</c>.</summary>
    public string ApiKeyHeader { get; init; } = "Authorization";

    /// <summary>Model calls for one patch (each answer that asks for tools is one), the last of which is told to answer.</summary>
    public int MaxModelCallsPerPatch { get; init; } = 12;

    /// <summary>Tool calls for the whole pull request.</summary>
    public int MaxToolCalls { get; init; } = 40;

    /// <summary>Input plus output tokens for the whole pull request; past it, the remaining patches are skipped.</summary>
    public long MaxTokens { get; init; } = 400_000;

    public int MaxOutputTokens { get; init; } = 4_096;

    /// <summary>Patches (commits) reviewed per pull request; later ones are skipped and the summary says so.</summary>
    public int MaxPatches { get; init; } = 20;

    /// <summary>The diff of one patch given to the model is cut here.</summary>
    public int MaxPatchCharacters { get; init; } = 60_000;

    /// <summary>Wall time for the whole stage: under an Azure Functions queue trigger's limit with room for posting.</summary>
    public TimeSpan TimeBudget { get; init; } = TimeSpan.FromMinutes(4);

    /// <summary>Where answers are kept per head and model (re-runs reuse them); null keeps nothing.</summary>
    public string? CacheDirectory { get; init; }

    public override string ToString() => $"{Provider} {Model} at {Endpoint}";
}
