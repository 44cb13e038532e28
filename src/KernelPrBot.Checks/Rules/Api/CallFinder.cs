using System.Runtime.CompilerServices;
using KernelPrBot.Checks.Source;

namespace KernelPrBot.Checks.Rules.Api;

/// <summary>
/// Finds the calls on added lines of a code view that name a function or macro: not keywords or compiler
/// builtins, not member calls (<c>.</c>/<c>-&gt;</c>), not the declarator of a definition or prototype, not
/// calls through a parameter, local variable or function pointer declared in the view, not a macro's own
/// parameters, and nothing inside <c>__attribute__((...))</c> or <c>asm(...)</c>.
/// </summary>
internal static class CallFinder
{
    private static readonly HashSet<string> Keywords = new(StringComparer.Ordinal)
    {
        "if", "for", "while", "switch", "return", "do", "else", "case", "goto", "sizeof", "typeof", "__typeof__",
        "__typeof", "typeof_unqual", "__typeof_unqual__", "_Alignof", "alignof", "__alignof__", "__alignof", "_Generic",
        "_Static_assert", "defined", "__has_include", "__has_include_next", "__has_attribute", "__has_builtin",
        "__has_feature", "__has_extension", "__has_cpp_attribute", "__has_c_attribute", "void", "char", "short", "int",
        "long", "unsigned", "signed", "float", "double", "_Bool", "_Complex", "const", "volatile", "__volatile__",
        "__volatile", "restrict", "__restrict", "__extension__", "__label__", "__auto_type", "__VA_OPT__", "_Pragma",
        "__int128", "struct", "union", "enum", "static", "extern", "inline", "register", "auto",
    };

    /// <summary>Names whose parenthesised argument is not code (skipped whole).</summary>
    private static readonly HashSet<string> Opaque = new(StringComparer.Ordinal)
    {
        "__attribute__", "__attribute", "__declspec", "asm", "__asm__", "__asm", "_Pragma", "__pragma",
    };

    /// <summary>Words before a name that do not make it a declared name (<c>return x;</c>).</summary>
    private static readonly HashSet<string> NotTypes = new(StringComparer.Ordinal)
    {
        "return", "else", "do", "case", "goto", "sizeof", "typeof", "__typeof__", "defined", "break", "continue", "default",
    };

    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> OpaqueByText = Opaque.GetAlternateLookup<ReadOnlySpan<char>>();

    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> NotTypesByText = NotTypes.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>
    /// How far past a call's '(' its arguments are read. A call with longer arguments gets no argument count (so no
    /// arity finding), which keeps hostile nesting like <c>g(g(g(…)))</c> linear instead of rescanning every enclosing
    /// call's arguments; kernel calls stay far below it (a statement-expression argument runs to a few hundred tokens).
    /// </summary>
    internal const int MaxArgumentTokens = 4_000;

    // The api rules each read a view's added calls; they are found once per view (views live as long as one file's run).
    private static readonly ConditionalWeakTable<CodeView, IReadOnlyList<ApiCall>> Added = [];

    public static IReadOnlyList<ApiCall> AddedCalls(CodeView view) => Added.GetValue(view, v => Find(v, null));

    /// <summary>
    /// Calls of the given names on any line of the view, added or not: a patch that changes only an argument line of
    /// a multi-line call changes the call, and the rule decides which of its lines must be added.
    /// </summary>
    public static IReadOnlyList<ApiCall> CallsOf(CodeView view, IReadOnlySet<string> names) => Find(view, names);

    private static List<ApiCall> Find(CodeView view, IReadOnlySet<string>? names)
    {
        var text = view.Text;
        var code = view.CodeTokens;
        var declared = DeclaredNames(text, code);
        var calls = new List<ApiCall>();
        string? directive = null;
        var defineName = -1;
        HashSet<string>? macroParameters = null;

        // The directive a call sits in is read from the tokens up to it; arguments of an opaque construct
        // (__attribute__((…)), asm(…)) are skipped whole, calls and directives inside them alike.
        var cursor = 0;
        var skipTo = 0;

        // #if 0 blocks are never compiled: whether each open conditional's current branch is dead.
        var conditionals = new Stack<bool>();
        foreach (var call in view.Calls)
        {
            var k = call.Name;
            if (k < skipTo)
            {
                continue;
            }

            for (cursor = Math.Max(cursor, skipTo); cursor <= k; cursor++)
            {
                var at = code[cursor];
                if (at.Kind == TokenKind.Directive)
                {
                    directive = text.AsSpan(at.Start + 1, at.Length - 1).Trim().ToString();
                    defineName = cursor + 1;
                    macroParameters = directive == "define" ? MacroParameters(text, code, cursor + 1) : null;
                    TrackConditional(text, code, cursor, directive, conditionals);
                }
                else if (!at.InDirective)
                {
                    directive = null;
                    macroParameters = null;
                }
            }

            var t = code[k];
            var name = t.Text(text);
            if (conditionals.Count > 0 && conditionals.Peek())
            {
                continue;
            }

            if (Opaque.Contains(name))
            {
                skipTo = (call.Close >= 0 ? call.Close : code.Count - 1) + 1;
                continue;
            }

            if (directive is not null && directive is not ("define" or "if" or "elif"))
            {
                continue;
            }

            if (k == defineName || (names is null ? !view.IsAdded(t.Line) : !names.Contains(name)) || Keywords.Contains(name) || IsBuiltin(name) ||
                (macroParameters?.Contains(name) ?? false) || declared.Contains(name))
            {
                continue;
            }

            if (k > 0 && (code[k - 1].Is(text, "##") || code[k - 1].Is(text, "#")))
            {
                continue;
            }

            if (IsDeclarator(text, code, k))
            {
                continue;
            }

            var (arguments, macroArguments) = CountArguments(text, code, k + 1);
            calls.Add(new ApiCall(name, t.Line, k, arguments, macroArguments, arguments is > 0 && HasMacroArgument(text, code, view.Brackets, k + 1)));
        }

        return calls;
    }

    /// <summary>
    /// Follows #if/#else/#endif so that code under <c>#if 0</c> is known dead. Every other branch counts as live: the
    /// api rules check all configurations, and the #else of an #if 0 is what builds.
    /// </summary>
    private static void TrackConditional(string text, IReadOnlyList<Token> code, int at, string directive, Stack<bool> conditionals)
    {
        var outerDead = conditionals.Count > 0 && conditionals.Peek();
        switch (directive)
        {
            case "if" or "ifdef" or "ifndef":
                var zero = directive == "if" && at + 1 < code.Count && code[at + 1].InDirective && code[at + 1].Line == code[at].Line && code[at + 1].Is(text, "0") &&
                           !(at + 2 < code.Count && code[at + 2].InDirective && code[at + 2].Line == code[at].Line);
                conditionals.Push(outerDead || zero);
                break;
            case "else" or "elif" when conditionals.Count > 0:
                conditionals.Pop();
                conditionals.Push(conditionals.Count > 0 && conditionals.Peek());
                break;
            case "endif" when conditionals.Count > 0:
                conditionals.Pop();
                break;
        }
    }

    private static bool IsBuiltin(string name) =>
        name.StartsWith("__builtin_", StringComparison.Ordinal) || name.StartsWith("__sync_", StringComparison.Ordinal) ||
        name.StartsWith("__c11_atomic_", StringComparison.Ordinal) || name.StartsWith("__atomic_", StringComparison.Ordinal);

    /// <summary>The name of a definition or prototype: a type word or a pointer star before it.</summary>
    private static bool IsDeclarator(string text, IReadOnlyList<Token> code, int k)
    {
        if (k == 0)
        {
            return false;
        }

        var previous = code[k - 1];
        if (previous.Is(text, ")") && AttributeBefore(text, code, k - 1) is var attribute and > 0)
        {
            return IsDeclarator(text, code, attribute);
        }

        if (previous.Kind == TokenKind.Identifier)
        {
            return !NotTypesByText.Contains(previous.Span(text));
        }

        if (!previous.Is(text, "*"))
        {
            return false;
        }

        var j = k - 1;
        while (j >= 0 && code[j].Is(text, "*"))
        {
            j--;
        }

        return j >= 0 && code[j].Kind == TokenKind.Identifier && !NotTypesByText.Contains(code[j].Span(text)) && !code[j].InDirective;
    }

    /// <summary>For a ')' that closes <c>__attribute__((...))</c>: the index of <c>__attribute__</c>, else -1.</summary>
    private static int AttributeBefore(string text, IReadOnlyList<Token> code, int close)
    {
        var depth = 0;
        for (var j = close; j >= 0 && j > close - 200; j--)
        {
            if (code[j].Is(text, ")"))
            {
                depth++;
            }
            else if (code[j].Is(text, "(") && --depth == 0)
            {
                return j > 0 && OpaqueByText.Contains(code[j - 1].Span(text)) ? j - 1 : -1;
            }
        }

        return -1;
    }

    /// <summary>Parameters, locals and function pointers declared anywhere in the view.</summary>
    private static HashSet<string> DeclaredNames(string text, IReadOnlyList<Token> code)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var k = 1; k + 1 < code.Count; k++)
        {
            if (code[k].Kind != TokenKind.Identifier)
            {
                continue;
            }

            var next = code[k + 1];
            var previous = code[k - 1];
            if (previous.Is(text, "*") && k >= 2 && code[k - 2].Is(text, "(") && next.Is(text, ")"))
            {
                names.Add(code[k].Text(text)); // (*fn)
                continue;
            }

            if (!(next.Is(text, ";") || next.Is(text, ",") || next.Is(text, "=") || next.Is(text, ")") || next.Is(text, "[")))
            {
                continue;
            }

            if ((previous.Kind == TokenKind.Identifier && !NotTypesByText.Contains(previous.Span(text))) || previous.Is(text, "*"))
            {
                names.Add(code[k].Text(text));
            }
        }

        return names;
    }

    private static HashSet<string>? MacroParameters(string text, IReadOnlyList<Token> code, int name)
    {
        if (name + 1 >= code.Count || code[name].Kind != TokenKind.Identifier || !code[name + 1].Is(text, "(") ||
            code[name + 1].Start != code[name].Start + code[name].Length)
        {
            return null;
        }

        var result = new HashSet<string>(StringComparer.Ordinal);
        for (var k = name + 2; k < code.Count && code[k].InDirective && !code[k].Is(text, ")"); k++)
        {
            if (code[k].Kind == TokenKind.Identifier)
            {
                result.Add(code[k].Text(text));
            }
        }

        return result;
    }

    /// <summary>Whether an argument of the call at '(' <paramref name="open"/> is just <c>MACRO</c> or <c>MACRO(...)</c>.</summary>
    private static bool HasMacroArgument(string text, IReadOnlyList<Token> code, BracketMap brackets, int open)
    {
        var close = brackets.Close(open, open + MaxArgumentTokens + 1);
        var start = open + 1;
        var depth = 0;
        for (var k = open + 1; k <= close; k++)
        {
            if (code[k].Is(text, "(") || code[k].Is(text, "[") || code[k].Is(text, "{"))
            {
                depth++;
            }
            else if ((code[k].Is(text, ")") || code[k].Is(text, "]") || code[k].Is(text, "}")) && depth > 0)
            {
                depth--;
            }
            else if (depth == 0 && (code[k].Is(text, ",") || k == close))
            {
                if (k > start && IsUpperMacro(code[start].Text(text)) && code[start].Kind == TokenKind.Identifier &&
                    (k == start + 1 || (code[start + 1].Is(text, "(") && brackets.Close(start + 1, k) == k - 1)))
                {
                    return true;
                }

                start = k + 1;
            }
        }

        return false;
    }

    private static bool IsUpperMacro(string name) => name.Count(char.IsAsciiLetterUpper) >= 2 && !name.Any(char.IsAsciiLetterLower);

    private static (int? Arguments, int? MacroArguments) CountArguments(string text, IReadOnlyList<Token> code, int open)
    {
        var end = Math.Min(code.Count, open + MaxArgumentTokens + 1);
        var all = 0;
        var parens = 0;
        var commas = 0;
        var macroCommas = 0;
        var empty = true;
        var inDirective = code[open].InDirective;
        for (var k = open; k < end; k++)
        {
            var t = code[k];
            if (t.Kind == TokenKind.Directive || (!inDirective && t.InDirective) || (inDirective && !t.InDirective))
            {
                return (null, null);
            }

            if (t.Kind == TokenKind.Punctuator && t.Length == 1)
            {
                switch (text[t.Start])
                {
                    case '(':
                        all++;
                        parens++;
                        break;
                    case '[':
                    case '{':
                        all++;
                        break;
                    case ')':
                        all--;
                        if (--parens == 0)
                        {
                            return empty ? (0, 0) : (commas + 1, macroCommas + 1);
                        }

                        break;
                    case ']':
                    case '}':
                        all--;
                        break;
                    case ',':
                        if (all == 1)
                        {
                            commas++;
                        }

                        if (parens == 1)
                        {
                            macroCommas++;
                        }

                        break;
                }
            }

            if (k > open)
            {
                empty = false;
            }
        }

        return (null, null);
    }
}
