namespace KernelPrBot.Cli;

/// <summary>A command line the tool cannot run; the message is the one-line reason shown to the user.</summary>
public sealed class UsageException(string message) : Exception(message);
