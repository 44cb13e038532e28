namespace KernelPrBot.Checks.Index;

/// <summary>Receives what <see cref="SymbolScanner"/> finds; <paramref name="line"/> is the 1-based line of the name.</summary>
public interface ISymbolSink
{
    void Add(ReadOnlySpan<char> name, SymbolKinds kinds, Arity? arity, int line);

    /// <summary>A macro that defines names by token pasting.</summary>
    void AddGenerator(MacroGenerator generator)
    {
    }

    /// <summary>A top-level invocation of an upper-case macro with plain-name arguments.</summary>
    void AddInvocation(MacroInvocation invocation)
    {
    }
}
