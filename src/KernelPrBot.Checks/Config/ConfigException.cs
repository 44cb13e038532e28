namespace KernelPrBot.Checks.Config;

/// <summary>A configuration file that cannot be used; the message names the file and line.</summary>
public sealed class ConfigException(string message) : Exception(message);
