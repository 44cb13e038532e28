namespace KernelPrBot.Checks.Index;

/// <summary>One name of the index: what it is, and the parameter counts of its definitions, prototypes and macros.</summary>
public sealed record SymbolInfo(string Name, SymbolKinds Kinds, IReadOnlyList<Arity> Arities)
{
    public bool Accepts(int arguments, bool isMacroCall = false) =>
        Arities.Count == 0 || Arities.Any(a => a.Accepts(arguments) || (isMacroCall && a.Count == 1 && !a.Variadic && arguments == 0));
}
