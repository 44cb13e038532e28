namespace KernelPrBot.Checks.Rules;

/// <summary>
/// A rule: a descriptor and callbacks the analyzer calls once per commit and once per changed file.
/// Rules hold no mutable state; severity comes from the descriptor and the configuration, never from the rule.
/// </summary>
public abstract class Rule
{
    public abstract RuleDescriptor Descriptor { get; }

    public virtual void AnalyzeCommit(CommitContext context)
    {
    }

    public virtual void AnalyzeFile(FileContext context)
    {
    }
}
