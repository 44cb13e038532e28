namespace KernelPrBot.Checks.Rules;

/// <summary>Rule categories; each maps to one forge label (<c>kpb: atomic</c>, …).</summary>
public enum RuleCategory
{
    Atomic,
    Locking,
    Rcu,
    Api,
    Process,
    License,
    Routing,
    Style,

    /// <summary>A model's claim the analysis could not check, posted as a marked suggestion (Llm:PostUnverified).</summary>
    Model,
}
