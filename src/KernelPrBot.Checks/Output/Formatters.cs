using KernelPrBot.Checks.Rules;

namespace KernelPrBot.Checks.Output;

public static class Formatters
{
    public static IFindingFormatter For(OutputFormat format, IReadOnlyList<RuleDescriptor> rules, bool colour = false, string? toolVersion = null) =>
        format switch
        {
            OutputFormat.Json => new JsonFormatter(),
            OutputFormat.Sarif => new SarifFormatter(rules, toolVersion ?? ProductVersion.Current),
            OutputFormat.GitHub => new GitHubAnnotationFormatter(),
            _ => new TextFormatter(colour),
        };

    public static string SeverityWord(Severity severity) => severity switch
    {
        Severity.Error => "error",
        Severity.Warning => "warning",
        _ => "note",
    };
}
