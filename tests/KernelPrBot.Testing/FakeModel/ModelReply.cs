namespace KernelPrBot.Testing.FakeModel;

/// <summary>One answer of the fake model: a tool call, a final text, an HTTP failure, a wait, or a broken body.</summary>
public abstract record ModelReply
{
    /// <summary>The assistant asks for a tool: <c>finish_reason: tool_calls</c>.</summary>
    public sealed record ToolCall(string Name, string ArgumentsJson) : ModelReply;

    /// <summary>The assistant's final message: <c>finish_reason: stop</c>.</summary>
    public sealed record Final(string Content) : ModelReply;

    /// <summary>An HTTP error with OpenAI's error body; <paramref name="RetryAfterSeconds"/> sets Retry-After (429, 503).</summary>
    public sealed record Failure(int Status, int? RetryAfterSeconds = null) : ModelReply;

    /// <summary>Waits before the next reply in the script (a slow or hung server: the client's timeout ends it).</summary>
    public sealed record Delay(TimeSpan Wait, ModelReply Then) : ModelReply;

    /// <summary>A 200 whose body is not a chat completion at all.</summary>
    public sealed record Malformed(string Body) : ModelReply;
}
