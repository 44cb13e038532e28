namespace KernelPrBot.Checks.Kernel;

/// <summary>
/// An interface the kernel no longer has, what replaced it, and when it went: <paramref name="Removal"/> reads
/// "removed in v6.8", or "removed" where the release is not given.
/// </summary>
public sealed record RemovedApi(string Name, string Replacement, string Removal);
