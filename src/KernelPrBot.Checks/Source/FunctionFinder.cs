namespace KernelPrBot.Checks.Source;

/// <summary>
/// Finds function definitions in filtered tokens: at brace depth 0, <c>name ( params ) [attributes] {</c>
/// that is not an initializer, a control statement or a macro-generated struct body.
/// </summary>
public static class FunctionFinder
{
    private static readonly HashSet<string> NotFunctions = new(StringComparer.Ordinal)
    {
        "if", "while", "for", "switch", "return", "sizeof", "typeof", "__typeof__", "do", "else", "case",
        "__attribute__", "__aligned", "alignof", "_Static_assert", "static_assert",
    };

    /// <param name="brackets">The bracket partners of <paramref name="code"/>.</param>
    public static List<FunctionDefinition> Find(string source, IReadOnlyList<Token> code, BracketMap brackets)
    {
        var result = new List<FunctionDefinition>();
        var depth = 0;
        var statementStart = 0;
        for (var i = 0; i < code.Count; i++)
        {
            var t = code[i];
            if (t.Is(source, "{"))
            {
                if (depth == 0 && TryDefinition(source, code, statementStart, i, out var name, out var nameIndex, out var parameters, out var annotations))
                {
                    var close = MatchBrace(brackets, code, i);
                    var prefix = string.Join(' ', Enumerable.Range(statementStart, nameIndex - statementStart).Select(k => code[k].Text(source)));
                    result.Add(new FunctionDefinition(
                        name, parameters, prefix, prefix.Split(' ').Contains("static"), code[nameIndex].Line,
                        code[Math.Min(close, code.Count - 1)].Line, i + 1, close, annotations));
                    i = close;
                    statementStart = i + 1;
                    continue;
                }

                depth++;
            }
            else if (t.Is(source, "}"))
            {
                depth = Math.Max(0, depth - 1);
                if (depth == 0)
                {
                    statementStart = i + 1;
                }
            }
            else if (depth == 0 && t.Is(source, ";"))
            {
                statementStart = i + 1;
            }
        }

        return result;
    }

    /// <summary>The index of the brace closing the one at <paramref name="open"/>, or the last token.</summary>
    public static int MatchBrace(BracketMap brackets, IReadOnlyList<Token> code, int open) =>
        brackets.Close(open, code.Count) is >= 0 and var close ? close : code.Count;

    private static bool TryDefinition(
        string source, IReadOnlyList<Token> code, int start, int brace,
        out string name, out int nameIndex, out List<string> parameters, out List<string> annotations)
    {
        name = string.Empty;
        nameIndex = -1;
        parameters = [];
        annotations = [];
        if (brace - start < 3)
        {
            return false;
        }

        for (var k = start; k < brace; k++)
        {
            if (code[k].Is(source, "=") || code[k].Is(source, ";"))
            {
                return false; // An initializer such as "struct ops x = {".
            }
        }

        // Walk back over trailing annotations such as __acquires(x) or __must_hold(l) to the parameter list.
        var end = brace - 1;
        while (end > start)
        {
            if (code[end].Is(source, ")"))
            {
                var open = MatchParenBackward(source, code, end, start);
                if (open <= start)
                {
                    return false;
                }

                var before = code[open - 1];
                var word = before.Text(source);
                // "f(args) __acquires(x)": an annotation follows the parameter list, so the token before its name is ')'.
                var afterParameters = open - 2 >= start && (code[open - 2].Is(source, ")") ||
                    (code[open - 2].Kind == TokenKind.Identifier && code[open - 2].Text(source).StartsWith("__", StringComparison.Ordinal) && open - 3 >= start && code[open - 3].Is(source, ")")));
                if (before.Kind == TokenKind.Identifier && afterParameters && (word.StartsWith("__", StringComparison.Ordinal) || word is "asm"))
                {
                    annotations.Add(string.Concat(Enumerable.Range(open - 1, end - open + 2).Select(k => code[k].Text(source))));
                    end = open - 2;
                    continue;
                }

                if (before.Kind != TokenKind.Identifier || NotFunctions.Contains(word))
                {
                    return false;
                }

                name = word;
                nameIndex = open - 1;
                parameters = ParameterNames(source, code, open, end);
                return nameIndex > start || code[start].Kind == TokenKind.Identifier;
            }

            if (code[end].Kind == TokenKind.Identifier && code[end].Text(source).StartsWith("__", StringComparison.Ordinal))
            {
                end--; // A bare attribute such as __init or __cold after the parameters.
                continue;
            }

            return false;
        }

        return false;
    }

    private static int MatchParenBackward(string source, IReadOnlyList<Token> code, int close, int limit)
    {
        var depth = 0;
        for (var k = close; k >= limit; k--)
        {
            if (code[k].Is(source, ")"))
            {
                depth++;
            }
            else if (code[k].Is(source, "(") && --depth == 0)
            {
                return k;
            }
        }

        return -1;
    }

    /// <summary>The last identifier of each top-level comma-separated parameter (function-pointer names included).</summary>
    private static List<string> ParameterNames(string source, IReadOnlyList<Token> code, int open, int close)
    {
        var names = new List<string>();
        var depth = 0;
        string? last = null;
        string? pointerName = null;
        for (var k = open + 1; k < close; k++)
        {
            var t = code[k];
            if (t.Is(source, "(") || t.Is(source, "["))
            {
                if (depth == 0 && t.Is(source, "(") && k + 2 < close && code[k + 1].Is(source, "*") && code[k + 2].Kind == TokenKind.Identifier)
                {
                    pointerName = code[k + 2].Text(source);
                }

                depth++;
            }
            else if (t.Is(source, ")") || t.Is(source, "]"))
            {
                depth--;
            }
            else if (depth == 0 && t.Is(source, ","))
            {
                AddName();
            }
            else if (depth == 0 && t.Kind == TokenKind.Identifier)
            {
                last = t.Text(source);
            }
        }

        AddName();
        return names;

        void AddName()
        {
            var n = pointerName ?? last;
            if (n is not null && n != "void")
            {
                names.Add(n);
            }

            last = null;
            pointerName = null;
        }
    }
}
