namespace KernelPrBot.Checks.Source;

/// <summary>A call in C tokens: the index of its name, its '(' and the ')' that closes it (-1 when unbalanced before the end of the range read).</summary>
public readonly record struct CallExpression(int Name, int Open, int Close);

/// <summary>
/// The one call extractor of the C source model, for every reader of calls (the path walker, the api rules' call
/// finder): a call is a name directly followed by '(' — <c>f(</c>, <c>spin_lock(</c>, <c>BUG_ON(</c> — and not a
/// member's function pointer (<c>ops-&gt;f(</c>, <c>s.f(</c>). Without preprocessing a macro call looks the same as a
/// function call; readers that care (definitions, declarators, <c>#define</c> lines) tell them apart from the tokens
/// around the call. A <see cref="CodeView"/> keeps the calls of its code tokens (<see cref="CodeView.Calls"/>).
/// </summary>
public static class CallExpressions
{
    /// <summary>Every call whose name lies in [<paramref name="start"/>, <paramref name="end"/>), nested ones included, in token order.</summary>
    public static List<CallExpression> Find(string source, IReadOnlyList<Token> code, BracketMap brackets, int start, int end)
    {
        ArgumentNullException.ThrowIfNull(code);
        ArgumentNullException.ThrowIfNull(brackets);
        var calls = new List<CallExpression>();
        end = Math.Min(end, code.Count);
        for (var k = start; k < end; k++)
        {
            if (NamesCall(source, code, k, end) && !IsMember(source, code, k, start))
            {
                calls.Add(new CallExpression(k, k + 1, brackets.Close(k + 1, end)));
            }
        }

        return calls;
    }

    /// <summary>Whether the token at <paramref name="k"/> is a name followed by '(' before <paramref name="end"/>.</summary>
    private static bool NamesCall(string source, IReadOnlyList<Token> code, int k, int end) =>
        code[k].Kind == TokenKind.Identifier && k + 1 < end && code[k + 1].Is(source, "(");

    /// <summary>Whether the name at <paramref name="k"/> is reached through '.' or '->' (a member, not a function of the tree).</summary>
    private static bool IsMember(string source, IReadOnlyList<Token> code, int k, int start) =>
        k > start && (code[k - 1].Is(source, ".") || code[k - 1].Is(source, "->"));
}
