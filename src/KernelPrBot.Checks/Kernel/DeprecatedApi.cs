namespace KernelPrBot.Checks.Kernel;

/// <summary>A call that the kernel has deprecated, what to use instead and why.</summary>
public sealed record DeprecatedApi(string Name, string Replacement, string Reason);
