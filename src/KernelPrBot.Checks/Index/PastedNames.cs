using KernelPrBot.Checks.Source;

namespace KernelPrBot.Checks.Index;

/// <summary>
/// Names made by token pasting, read from a file's tokens for <see cref="SymbolScanner"/>: a function-like macro whose
/// body pastes names before '(' (<c>b53_build_op(read16, …)</c> defines <c>b53_read16()</c>) becomes a
/// <see cref="MacroGenerator"/>, and an invocation's arguments become <see cref="NameTemplate"/>s, so that the index
/// can expand generators at their call sites.
/// </summary>
internal sealed class PastedNames(string text, List<Token> tokens)
{
    private bool Is(int i, string s) => i >= 0 && i < tokens.Count && tokens[i].Is(text, s);

    private bool IsIdent(int i) => i >= 0 && i < tokens.Count && tokens[i].Kind == TokenKind.Identifier;

    private ReadOnlySpan<char> Span(int i) => text.AsSpan(tokens[i].Start, tokens[i].Length);

    private string Word(int i) => tokens[i].Text(text);

    /// <summary>The macro as a generator when its body pastes names before '(' or passes names on to other macros; null otherwise.</summary>
    public MacroGenerator? Generator(string macro, List<string> parameters, int start, int end)
    {
        if (parameters.Count == 0)
        {
            return XMacroList(macro, start, end);
        }

        List<NameTemplate>? names = null;
        List<MacroInvocation>? invocations = null;
        for (var k = start; k < end; k++)
        {
            if (Is(k, "##") && IsNamePiece(k - 1))
            {
                var first = k - 1;
                var template = PastedName(first, end, parameters, out var next);
                if (template is not null && Is(next, "(") && !Is(first - 1, ".") && !Is(first - 1, "->"))
                {
                    (names ??= []).Add(template);
                }

                k = next - 1;
                continue;
            }

            if (IsIdent(k) && Is(k + 1, "(") && k - 1 >= start && (IsIdent(k - 1) || Is(k - 1, "*")) && parameters.IndexOf(Word(k)) is var slot and >= 0)
            {
                (names ??= []).Add(new NameTemplate([null], [slot])); // static int name(...) with the name passed in
                continue;
            }

            // Another macro handed this one's parameters (upper-case, or a lower-case helper macro such as
            // i915's __uc_state_checker(x, func, wants, wanted)).
            if (IsIdent(k) && Is(k + 1, "(") && (IsUpperName(Span(k)) || Span(k).StartsWith("__")))
            {
                // A lower-case helper counts only when handed a fixed name piece too (wants, wanted): "__foo(x)" is a plain call.
                var arguments = Arguments(k + 1, end, parameters);
                if (arguments.Any(a => a is not null && !a.IsLiteral) && (IsUpperName(Span(k)) || arguments.Any(a => a is not null && a.IsLiteral)))
                {
                    (invocations ??= []).Add(new MacroInvocation(Word(k), arguments));
                }
            }
        }

        return names is not null || invocations is not null ? new MacroGenerator(macro, names ?? [], invocations ?? []) : null;
    }

    /// <summary>
    /// A parameterless list macro of the x-macro idiom (<c>#define BCH_BKEY_TYPES() x(deleted, 0) x(whiteout, 1) …</c>):
    /// each entry is an invocation with plain-name arguments, expanded with whatever <c>x</c> means where the list is
    /// used (bcachefs makes bkey_s_c_to_reflink_p() so).
    /// </summary>
    private MacroGenerator? XMacroList(string macro, int start, int end)
    {
        List<MacroInvocation>? invocations = null;
        for (var k = start; k < end; k++)
        {
            if (IsIdent(k) && Is(k + 1, "(") && tokens[k].Length <= 2)
            {
                var arguments = Arguments(k + 1, end, null);
                if (arguments.Count > 0 && arguments[0] is not null)
                {
                    (invocations ??= []).Add(new MacroInvocation(Word(k), arguments));
                }
            }
        }

        return invocations is { Count: >= 2 } ? new MacroGenerator(macro, [], invocations) : null;
    }

    public bool IsNamePiece(int k) => k >= 0 && k < tokens.Count && (tokens[k].Kind == TokenKind.Identifier || IsNameNumber(k));

    /// <summary>A number token that is all name characters (a tracepoint called 9p_protocol_dump, a pasted 16).</summary>
    private bool IsNameNumber(int k)
    {
        if (tokens[k].Kind != TokenKind.Number)
        {
            return false;
        }

        foreach (var c in Span(k))
        {
            if (!CLexer.IsIdentPart(c))
            {
                return false;
            }
        }

        return true;
    }

    public static bool IsUpperName(ReadOnlySpan<char> name)
    {
        var letters = 0;
        foreach (var c in name)
        {
            if (char.IsAsciiLetterLower(c))
            {
                return false;
            }

            letters += char.IsAsciiLetterUpper(c) ? 1 : 0;
        }

        return letters >= 2;
    }

    /// <summary>A name of pasted pieces starting at <paramref name="first"/>; <paramref name="next"/> is the token after it.</summary>
    private NameTemplate? PastedName(int first, int end, List<string>? parameters, out int next)
    {
        var literals = new List<string?>();
        var slots = new List<int>();
        var k = first;
        while (true)
        {
            if (k >= end || !IsNamePiece(k))
            {
                next = k;
                return null;
            }

            var word = Word(k);
            var slot = parameters?.IndexOf(word) ?? -1;
            literals.Add(slot < 0 ? word : null);
            slots.Add(slot);
            if (k + 2 < end && Is(k + 1, "##"))
            {
                k += 2;
                continue;
            }

            next = k + 1;
            return new NameTemplate(literals, slots);
        }
    }

    /// <summary>The arguments of a call at '(' <paramref name="open"/>: each a pasted name or parameter, else null.</summary>
    public List<NameTemplate?> Arguments(int open, int end, List<string>? parameters)
    {
        var result = new List<NameTemplate?>();
        var depth = 0;
        var start = open + 1;
        for (var k = open; k < end; k++)
        {
            if (Is(k, "(") || Is(k, "[") || Is(k, "{"))
            {
                depth++;
            }
            else if (Is(k, ")") || Is(k, "]") || Is(k, "}"))
            {
                if (--depth == 0)
                {
                    result.Add(Argument(start, k, parameters));
                    break;
                }
            }
            else if (depth == 1 && Is(k, ","))
            {
                result.Add(Argument(start, k, parameters));
                start = k + 1;
            }
        }

        return result;
    }

    private NameTemplate? Argument(int start, int stop, List<string>? parameters)
    {
        var template = PastedName(start, stop, parameters, out var next);
        return template is not null && next == stop ? template : null;
    }
}
