namespace KernelPrBot.ModelReview;

/// <summary>Which API the model is reached through.</summary>
public enum ModelProvider
{
    /// <summary>An OpenAI-compatible chat completions endpoint: OpenAI, Azure OpenAI (v1), vLLM, Ollama and the like.</summary>
    OpenAI,

    /// <summary>Anthropic's Messages API, through its official .NET SDK.</summary>
    Anthropic,
}
