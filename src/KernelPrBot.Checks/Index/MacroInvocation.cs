namespace KernelPrBot.Checks.Index;

/// <summary>An invocation <c>MACRO(a, b, ...)</c>; an argument that is not a plain (pasted) name is null.</summary>
public sealed record MacroInvocation(string Macro, IReadOnlyList<NameTemplate?> Arguments);
