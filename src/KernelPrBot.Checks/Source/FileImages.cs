namespace KernelPrBot.Checks.Source;

/// <summary>Full file contents before and after a patch, as lines; null where the file does not exist on that side.</summary>
public sealed record FileImages(string[]? Before, string[]? After);
