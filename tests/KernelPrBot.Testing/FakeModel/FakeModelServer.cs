using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using System.Text.Json;
using KernelPrBot.Testing.FakeForge;
using Microsoft.AspNetCore.Http;

namespace KernelPrBot.Testing.FakeModel;

/// <summary>
/// An OpenAI-compatible chat completions server (Kestrel on 127.0.0.1) for tests of the model stage: it checks the key,
/// refuses streaming and requests without a model or messages as OpenAI does (400 with an error object), and answers
/// from a script — tool calls, final answers, 429 with Retry-After, 500, delays, malformed bodies — or, with the script
/// empty, from <see cref="Respond"/> (by default an empty claims list). Usage counts are reported per answer.
/// </summary>
public sealed class FakeModelServer : IAsyncDisposable
{
    public const string Key = "sk-test-model-key-7f3c";

    private readonly ForgeHost _host;
    private readonly ConcurrentQueue<ModelReply> _script = new();
    private readonly ConcurrentQueue<ModelRequest> _requests = new();
    private int _ids;

    private FakeModelServer(ForgeHost host)
    {
        _host = host;
        BaseUrl = new Uri(host.Root, "v1/");
        host.Serve(HandleAsync);
    }

    /// <summary>The API root to configure (Llm:Endpoint), ending in <c>/v1/</c>.</summary>
    public Uri BaseUrl { get; }

    /// <summary>Where the key is expected: the bearer token (default) or Azure's <c>api-key</c> header.</summary>
    public string KeyHeader { get; set; } = "Authorization";

    /// <summary>The answer when the script is empty, from the request (default: no claims).</summary>
    public Func<ModelRequest, ModelReply> Respond { get; set; } = _ => new ModelReply.Final("""{"claims":[]}""");

    public IReadOnlyList<ModelRequest> Requests => _requests.ToList();

    /// <summary>Chat completions answered with 200.</summary>
    public int Completions { get; private set; }

    public static async Task<FakeModelServer> StartAsync() => new(await ForgeHost.StartAsync().ConfigureAwait(false));

    public void Enqueue(params ModelReply[] replies)
    {
        ArgumentNullException.ThrowIfNull(replies);
        foreach (var reply in replies)
        {
            _script.Enqueue(reply);
        }
    }

    public ValueTask DisposeAsync() => _host.DisposeAsync();

    private async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        if (request.Method != "POST" || !request.Path.Value!.EndsWith("/chat/completions", StringComparison.Ordinal))
        {
            await ErrorAsync(context, 404, "invalid_request_error", $"Unknown request URL: {request.Method} {request.Path}").ConfigureAwait(false);
            return;
        }

        var authorization = request.Headers.Authorization.ToString();
        var apiKey = request.Headers["api-key"].ToString();
        var given = KeyHeader == "Authorization" ? (authorization.StartsWith("Bearer ", StringComparison.Ordinal) ? authorization[7..] : null) : apiKey;
        if (given != Key)
        {
            await ErrorAsync(context, 401, "invalid_api_key", "Incorrect API key provided.").ConfigureAwait(false);
            return;
        }

        JsonElement body;
        try
        {
            using var document = await JsonDocument.ParseAsync(request.Body).ConfigureAwait(false);
            body = document.RootElement.Clone();
        }
        catch (JsonException)
        {
            await ErrorAsync(context, 400, "invalid_request_error", "We could not parse the JSON body of your request.").ConfigureAwait(false);
            return;
        }

        var recorded = new ModelRequest(request.Path.Value!, authorization.Length == 0 ? null : authorization, apiKey.Length == 0 ? null : apiKey, body);
        _requests.Enqueue(recorded);
        if (!body.TryGetProperty("model", out var model) || model.ValueKind != JsonValueKind.String || !body.TryGetProperty("messages", out var messages) || messages.ValueKind != JsonValueKind.Array)
        {
            await ErrorAsync(context, 400, "invalid_request_error", "'model' and 'messages' are required properties.").ConfigureAwait(false);
            return;
        }

        if (body.TryGetProperty("stream", out var stream) && stream.ValueKind == JsonValueKind.True)
        {
            await ErrorAsync(context, 400, "invalid_request_error", "This fake serves stream: false only.").ConfigureAwait(false);
            return;
        }

        var reply = _script.TryDequeue(out var next) ? next : Respond(recorded);
        while (reply is ModelReply.Delay delay)
        {
            await Task.Delay(delay.Wait, context.RequestAborted).ConfigureAwait(false);
            reply = delay.Then;
        }

        switch (reply)
        {
            case ModelReply.Failure failure:
                if (failure.RetryAfterSeconds is { } seconds)
                {
                    context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
                }

                await ErrorAsync(context, failure.Status, failure.Status == 429 ? "rate_limit_exceeded" : "server_error", failure.Status == 429 ? "Rate limit reached." : "The server had an error.").ConfigureAwait(false);
                return;
            case ModelReply.Malformed malformed:
                context.Response.ContentType = "application/json";
                await context.Response.WriteAsync(malformed.Body).ConfigureAwait(false);
                return;
            default:
                Completions++;
                context.Response.ContentType = "application/json";
                await context.Response.WriteAsync(Completion(model.GetString()!, reply, messages)).ConfigureAwait(false);
                return;
        }
    }

    private string Completion(string model, ModelReply reply, JsonElement messages)
    {
        var id = Interlocked.Increment(ref _ids);
        var promptTokens = messages.GetRawText().Length / 4;
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream))
        {
            json.WriteStartObject();
            json.WriteString("id", $"chatcmpl-fake{id}");
            json.WriteString("object", "chat.completion");
            json.WriteNumber("created", 1_765_000_000 + id);
            json.WriteString("model", model);
            json.WriteStartArray("choices");
            json.WriteStartObject();
            json.WriteNumber("index", 0);
            json.WriteStartObject("message");
            json.WriteString("role", "assistant");
            var completionTokens = 0;
            if (reply is ModelReply.ToolCall call)
            {
                json.WriteNull("content");
                json.WriteStartArray("tool_calls");
                json.WriteStartObject();
                json.WriteString("id", $"call_{id}");
                json.WriteString("type", "function");
                json.WriteStartObject("function");
                json.WriteString("name", call.Name);
                json.WriteString("arguments", call.ArgumentsJson);
                json.WriteEndObject();
                json.WriteEndObject();
                json.WriteEndArray();
                completionTokens = call.ArgumentsJson.Length / 4 + 5;
            }
            else if (reply is ModelReply.Final final)
            {
                json.WriteString("content", final.Content);
                completionTokens = final.Content.Length / 4 + 1;
            }

            json.WriteEndObject();
            json.WriteString("finish_reason", reply is ModelReply.ToolCall ? "tool_calls" : "stop");
            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteStartObject("usage");
            json.WriteNumber("prompt_tokens", promptTokens);
            json.WriteNumber("completion_tokens", completionTokens);
            json.WriteNumber("total_tokens", promptTokens + completionTokens);
            json.WriteEndObject();
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static async Task ErrorAsync(HttpContext context, int status, string code, string message)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(JsonSerializer.Serialize(new { error = new { message, type = code, param = (string?)null, code } })).ConfigureAwait(false);
    }
}
