using KernelPrBot.Checks.Rules;

namespace KernelPrBot.Checks.Config;

/// <summary>A rule's configured state: on or off, and a severity that overrides the default.</summary>
public sealed record RuleSetting(bool Enabled, Severity? Severity);
