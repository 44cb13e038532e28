namespace KernelPrBot.Checks.Source;

/// <summary>A token of C source: a span of the source text with its 1-based line.</summary>
public readonly record struct Token(TokenKind Kind, int Start, int Length, int Line, bool InDirective)
{
    public string Text(string source) => source.Substring(Start, Length);

    /// <summary>The token's characters without a copy, for comparisons and set look-ups.</summary>
    public ReadOnlySpan<char> Span(string source) => source.AsSpan(Start, Length);

    public bool Is(string source, string text) =>
        Length == text.Length && string.CompareOrdinal(source, Start, text, 0, Length) == 0;
}
