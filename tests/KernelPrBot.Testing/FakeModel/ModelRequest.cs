using System.Text.Json;

namespace KernelPrBot.Testing.FakeModel;

/// <summary>A chat completions request as the fake received it: the headers that matter and the parsed body.</summary>
public sealed record ModelRequest(string Path, string? Authorization, string? ApiKey, JsonElement Body)
{
    public string Model => Body.TryGetProperty("model", out var m) ? m.GetString() ?? string.Empty : string.Empty;

    public IReadOnlyList<string> ToolNames => Body.TryGetProperty("tools", out var tools) && tools.ValueKind == JsonValueKind.Array
        ? tools.EnumerateArray().Select(t => t.GetProperty("function").GetProperty("name").GetString() ?? string.Empty).ToList()
        : [];

    public int ToolResults => Body.GetProperty("messages").EnumerateArray().Count(m => m.GetProperty("role").GetString() == "tool");

    /// <summary>The contents of the tool messages (what the bot's tools answered).</summary>
    public IReadOnlyList<string> ToolResultTexts => Body.GetProperty("messages").EnumerateArray()
        .Where(m => m.GetProperty("role").GetString() == "tool")
        .Select(m => m.TryGetProperty("content", out var c) ? c.ValueKind == JsonValueKind.String ? c.GetString() ?? string.Empty : c.GetRawText() : string.Empty)
        .ToList();

    public string UserText => string.Join("\n", Body.GetProperty("messages").EnumerateArray()
        .Where(m => m.GetProperty("role").GetString() == "user")
        .Select(m => m.TryGetProperty("content", out var c) ? c.ValueKind == JsonValueKind.String ? c.GetString() : c.GetRawText() : string.Empty));

    public bool HasResponseFormat => Body.TryGetProperty("response_format", out _);
}
