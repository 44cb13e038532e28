namespace KernelPrBot.Checks.Index;

/// <summary>An invocation <c>MACRO(a, b, ...)</c>; an argument that is not a plain (pasted) name is null.</summary>
public sealed record MacroInvocation(string Macro, IReadOnlyList<NameTemplate?> Arguments)
{
    /// <summary>The file of a top-level invocation.</summary>
    public string? Source { get; init; }
}
