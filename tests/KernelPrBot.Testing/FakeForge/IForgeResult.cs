using System.Text.Json.Nodes;

namespace KernelPrBot.Testing.FakeForge;

/// <summary>What the shared pipeline needs of a fake's response to write it: JSON or raw bytes, plus extra headers.</summary>
internal interface IForgeResult
{
    int Status { get; }

    JsonNode? Json { get; }

    byte[]? Raw { get; }

    string? ContentType { get; }

    Dictionary<string, string> Headers { get; }
}
