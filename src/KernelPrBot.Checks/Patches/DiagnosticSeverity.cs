namespace KernelPrBot.Checks.Patches;

public enum DiagnosticSeverity
{
    Warning,
    Error,
}
