namespace KernelPrBot.Inputs;

/// <summary>A directory given as the kernel tree is missing or is not a kernel tree; the message says which and why.</summary>
public sealed class KernelTreeException(string message) : Exception(message);
