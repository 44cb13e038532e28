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
}
