namespace KernelPrBot.Checks.Rules;

/// <summary>What a rule is: stable id (users ignore rules by it), title, category, default severity and help.</summary>
public sealed record RuleDescriptor(string Id, string Title, RuleCategory Category, Severity DefaultSeverity, string HelpText)
{
    /// <summary>The rule does nothing without <see cref="Analysis.AnalysisOptions.Symbols"/>.</summary>
    public bool NeedsSymbolIndex { get; init; }

    public string Label => "kpb: " + Category.ToString().ToLowerInvariant();

    public string HelpLink => $"docs/rules/{Id}.md";
}
