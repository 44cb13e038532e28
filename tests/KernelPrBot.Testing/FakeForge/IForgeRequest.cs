namespace KernelPrBot.Testing.FakeForge;

/// <summary>What the shared pipeline needs of a fake's request to fault, record and report it.</summary>
internal interface IForgeRequest
{
    string Method { get; }

    /// <summary>The path relative to the API root, with a leading "/", as sent (still URL-encoded).</summary>
    string Path { get; }

    string RawQuery { get; }

    string? Body { get; }
}
