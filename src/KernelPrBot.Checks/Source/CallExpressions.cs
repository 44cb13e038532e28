namespace KernelPrBot.Checks.Source;

/// <summary>
/// What a call is in C tokens, for every reader of calls (the path walker, the api rules' call finder): a name directly
/// followed by '(' — <c>f(</c>, <c>spin_lock(</c>, <c>BUG_ON(</c> — and not a member's function pointer
/// (<c>ops-&gt;f(</c>, <c>s.f(</c>). Without preprocessing a macro call looks the same as a function call; readers that
/// care (definitions, declarators, <c>#define</c> lines) tell them apart from the surrounding tokens.
/// </summary>
public static class CallExpressions
{
    /// <summary>Whether the token at <paramref name="k"/> is a name followed by '(' before <paramref name="end"/>.</summary>
    public static bool NamesCall(string source, IReadOnlyList<Token> code, int k, int end) =>
        code[k].Kind == TokenKind.Identifier && k + 1 < end && code[k + 1].Is(source, "(");

    /// <summary>Whether the name at <paramref name="k"/> is reached through '.' or '->' (a member, not a function of the tree).</summary>
    public static bool IsMember(string source, IReadOnlyList<Token> code, int k, int start) =>
        k > start && (code[k - 1].Is(source, ".") || code[k - 1].Is(source, "->"));
}
