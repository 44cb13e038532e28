namespace KernelPrBot.Checks.Index;

/// <summary>A symbol index file that cannot be used: not an index, another format version, truncated or damaged.</summary>
public sealed class IndexFormatException(string message) : Exception(message);
