using System.ClientModel;
using System.ClientModel.Primitives;
using Anthropic;
using Microsoft.Extensions.AI;
using OpenAI;

namespace KernelPrBot.ModelReview;

/// <summary>
/// Makes the provider-neutral <see cref="IChatClient"/> for the configured provider over the host's HTTP client, which
/// carries the bot's resilience (retries, 429 with Retry-After, timeouts, circuit breaker); the SDKs' own retries are
/// turned off so that a failure is retried once, by one policy.
/// </summary>
public static class ChatClientFactory
{
    public static IChatClient Create(ModelStageOptions options, HttpClient http)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(http);
        return options.Provider switch
        {
            ModelProvider.Anthropic => new AnthropicClient
            {
                ApiKey = options.ApiKey ?? string.Empty,
                BaseUrl = options.Endpoint.ToString().TrimEnd('/'),
                HttpClient = http,
                MaxRetries = 0,
            }.AsIChatClient(options.Model, options.MaxOutputTokens),
            _ => OpenAIChat(options, http),
        };
    }

    private static IChatClient OpenAIChat(ModelStageOptions options, HttpClient http)
    {
        var clientOptions = new OpenAIClientOptions
        {
            Endpoint = options.Endpoint,
            Transport = new HttpClientPipelineTransport(http),
            RetryPolicy = new ClientRetryPolicy(0),
            NetworkTimeout = Timeout.InfiniteTimeSpan,
        };
        var key = string.IsNullOrEmpty(options.ApiKey) ? "none" : options.ApiKey;
        if (!string.Equals(options.ApiKeyHeader, "Authorization", StringComparison.OrdinalIgnoreCase))
        {
            // Azure OpenAI's key header: the bearer credential is then a placeholder and the key goes in its own header.
            clientOptions.AddPolicy(new ApiKeyHeaderPolicy(options.ApiKeyHeader, key), PipelinePosition.BeforeTransport);
            key = "none";
        }

        return new OpenAI.Chat.ChatClient(options.Model, new ApiKeyCredential(key), clientOptions).AsIChatClient();
    }

    private sealed class ApiKeyHeaderPolicy(string header, string key) : PipelinePolicy
    {
        public override void Process(PipelineMessage message, IReadOnlyList<PipelinePolicy> pipeline, int currentIndex)
        {
            Set(message);
            ProcessNext(message, pipeline, currentIndex);
        }

        public override ValueTask ProcessAsync(PipelineMessage message, IReadOnlyList<PipelinePolicy> pipeline, int currentIndex)
        {
            Set(message);
            return ProcessNextAsync(message, pipeline, currentIndex);
        }

        private void Set(PipelineMessage message)
        {
            message.Request.Headers.Remove("Authorization");
            message.Request.Headers.Set(header, key);
        }
    }
}
