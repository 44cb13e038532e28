namespace KernelPrBot.Checks.Rules;

/// <summary>What a rule is: stable id (users ignore rules by it), title, category, default severity and help.</summary>
public sealed record RuleDescriptor(string Id, string Title, RuleCategory Category, Severity DefaultSeverity, string HelpText)
{
    public string Label => "kpb: " + Category.ToString().ToLowerInvariant();

    public string HelpLink => $"docs/rules/{Id}.md";
}
