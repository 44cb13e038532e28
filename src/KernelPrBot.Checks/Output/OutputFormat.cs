namespace KernelPrBot.Checks.Output;

public enum OutputFormat
{
    Text,
    Json,
    Sarif,
    GitHub,
}
