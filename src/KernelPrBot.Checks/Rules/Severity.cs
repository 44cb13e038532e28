namespace KernelPrBot.Checks.Rules;

public enum Severity
{
    Note,
    Warning,
    Error,
}
