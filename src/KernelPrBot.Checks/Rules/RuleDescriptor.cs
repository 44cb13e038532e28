namespace KernelPrBot.Checks.Rules;

/// <summary>What a rule is: stable id (users ignore rules by it), title, category, default severity and help.</summary>
public sealed record RuleDescriptor(string Id, string Title, RuleCategory Category, Severity DefaultSeverity, string HelpText)
{
    /// <summary>The rule does nothing without <see cref="Analysis.AnalysisOptions.Symbols"/>.</summary>
    public bool NeedsSymbolIndex { get; init; }

    /// <summary>What every label the bot owns starts with; labels with it that no finding asks for are removed.</summary>
    public const string LabelPrefix = "kpb: ";

    public string Label => LabelPrefix + Category.ToString().ToLowerInvariant();

    public string HelpLink => $"docs/rules/{Id}.md";
}
