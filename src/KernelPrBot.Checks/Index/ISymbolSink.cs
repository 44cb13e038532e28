namespace KernelPrBot.Checks.Index;

/// <summary>Receives what <see cref="SymbolScanner"/> finds; <paramref name="line"/> is the 1-based line of the name.</summary>
public interface ISymbolSink
{
    void Add(ReadOnlySpan<char> name, SymbolKinds kinds, Arity? arity, int line);
}
