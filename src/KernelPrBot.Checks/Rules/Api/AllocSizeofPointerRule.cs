using KernelPrBot.Checks.Source;

namespace KernelPrBot.Checks.Rules.Api;

/// <summary>
/// A kmalloc-family allocation sized by the pointer it is assigned to: <c>p = kmalloc(sizeof(p), …)</c> (also
/// <c>sizeof p</c>, member expressions, the element size of the array forms), or by a pointer type that is the
/// declared type of the variable itself: <c>struct foo *p; p = kzalloc(sizeof(struct foo *), …)</c>. Either way the
/// buffer is 8 bytes and every write past them overflows the heap. Only calls with a line on an added line of
/// the expression are reported, never inside a macro definition (its parameters have no known type).
/// </summary>
public sealed class AllocSizeofPointerRule : Rule
{
    // A warning, not an error: where the target's type is out of sight it may point to pointers, and then
    // sizeof(p) is the right size written the wrong way (two such cases in Linux 6.12, no overflow).
    public override RuleDescriptor Descriptor { get; } = new(
        RuleIds.AllocSizeofPointer,
        "Allocation sized by a pointer instead of its object",
        RuleCategory.Api,
        Severity.Warning,
        "p = kmalloc(sizeof(p), ...) or a size of sizeof(struct foo *) for a 'struct foo *p' allocates the size of a " +
        "pointer (8 bytes), not of the object it points to: every access past those bytes overflows the heap. Write " +
        "sizeof(*p), which stays right when the type of p changes (scripts/coccinelle/misc/noderef.cocci finds the same with full type information).");

    /// <summary>The kmalloc family and the index of the argument that is the size of one object (of an element for the array forms).</summary>
    private static readonly Dictionary<string, int> SizeArgument = new(StringComparer.Ordinal)
    {
        ["kmalloc"] = 0, ["kzalloc"] = 0, ["kvmalloc"] = 0, ["kvzalloc"] = 0, ["kmalloc_node"] = 0, ["kzalloc_node"] = 0,
        ["devm_kmalloc"] = 1, ["devm_kzalloc"] = 1,
        ["kcalloc"] = 1, ["kmalloc_array"] = 1, ["kvcalloc"] = 1, ["kvmalloc_array"] = 1,
        ["devm_kcalloc"] = 2, ["devm_kmalloc_array"] = 2,
    };

    private static readonly IReadOnlySet<string> Names = SizeArgument.Keys.ToHashSet(StringComparer.Ordinal);

    /// <summary>The forms whose size argument is that of one element of an array.</summary>
    private static readonly HashSet<string> ArrayForms = new(StringComparer.Ordinal)
    {
        "kcalloc", "kmalloc_array", "kvcalloc", "kvmalloc_array", "devm_kcalloc", "devm_kmalloc_array",
    };

    /// <summary>Words that start a statement rather than name a type: <c>else *p = …</c> dereferences.</summary>
    private static readonly HashSet<string> StatementWords = new(StringComparer.Ordinal) { "else", "return", "do", "case", "goto", "sizeof" };

    /// <summary>Words that do not change which type a declaration or a sizeof names.</summary>
    private static readonly HashSet<string> Qualifiers = new(StringComparer.Ordinal)
    {
        "const", "volatile", "static", "extern", "register", "__maybe_unused", "__iomem", "__rcu", "__percpu", "__user", "__force",
    };

    /// <summary>How far back an assignment's target or a cast is read; an lvalue is a few tokens.</summary>
    private const int MaxBackTokens = 200;

    /// <summary>
    /// How far back a variable's declaration is looked for: a function's locals and parameters are well within it,
    /// and a file of many such calls is not rescanned to its start for each.
    /// </summary>
    private const int MaxDeclarationTokens = 10_000;

    /// <summary>How far back the body of a struct declared with its pointer (<c>struct { … } *p = …</c>) is read.</summary>
    private const int MaxBodyTokens = 4_000;

    public override void AnalyzeFile(FileContext context)
    {
        if (!context.IsCSource)
        {
            return;
        }

        foreach (var view in context.Code)
        {
            foreach (var call in CallFinder.CallsOf(view, Names))
            {
                Check(context, view, call);
            }
        }
    }

    private static void Check(FileContext context, CodeView view, ApiCall call)
    {
        var text = view.Text;
        var code = view.CodeTokens;
        var open = call.Token + 1;
        if (code[call.Token].InDirective || call.Arguments is not { } count || count <= SizeArgument[call.Name])
        {
            return;
        }

        var close = view.Brackets.Close(open, open + CallFinder.MaxArgumentTokens + 1);
        var arguments = close < 0 ? [] : view.Brackets.SplitArguments(open + 1, close);
        if (arguments.Count <= SizeArgument[call.Name])
        {
            return;
        }

        var (sizeStart, sizeEnd) = arguments[SizeArgument[call.Name]];
        if (SizeofOperand(text, code, view.Brackets, sizeStart, sizeEnd) is not var (operandStart, operandEnd) ||
            AssignedTo(text, code, call.Token) is not var (targetStart, targetEnd))
        {
            return;
        }

        if (!Enumerable.Range(code[targetStart].Line, code[sizeEnd - 1].Line - code[targetStart].Line + 1).Any(view.IsAdded))
        {
            return;
        }

        var target = Join(text, code, targetStart, targetEnd);
        var operand = Join(text, code, operandStart, operandEnd);
        var shown = SizeArgument[call.Name] == 0 ? $"{call.Name}(sizeof({operand}))" : $"{call.Name}(…, sizeof({operand}))";
        var array = ArrayForms.Contains(call.Name);
        var allocates = array ? "sizes each element as" : "allocates the size of";
        var notWhat = array ? "not as what it points to" : "not of what it points to";
        var line = view.NewLine(code[sizeStart].Line);
        if (SameTokens(text, code, targetStart, targetEnd, operandStart, operandEnd))
        {
            context.Report(line, $"{shown} {allocates} the pointer '{target}', {notWhat}; use sizeof(*{target})",
                $"{RuleIds.AllocSizeofPointer}:{call.Name}:{target}", "the kernel idiom p = kmalloc(sizeof(*p), ...) stays right when the type of p changes");
            return;
        }

        if (targetEnd - targetStart == 1 && code[operandEnd - 1].Is(text, "*") &&
            DeclaredType(text, code, targetStart) is { } declared && declared == TypeOf(text, code, operandStart, operandEnd))
        {
            var pointee = declared[..declared.LastIndexOf('*')].TrimEnd();
            context.Report(line, $"{shown} {allocates} a pointer, but '{target}' points to {pointee}; use sizeof(*{target})",
                $"{RuleIds.AllocSizeofPointer}:{call.Name}:{target}:{operand}", "the kernel idiom p = kmalloc(sizeof(*p), ...) stays right when the type of p changes");
        }
    }

    /// <summary>The operand of a size argument that is exactly <c>sizeof(X)</c> or <c>sizeof X</c>, as [Start, End); null otherwise.</summary>
    private static (int Start, int End)? SizeofOperand(string text, IReadOnlyList<Token> code, BracketMap brackets, int start, int end)
    {
        if (end - start < 2 || !code[start].Is(text, "sizeof"))
        {
            return null;
        }

        if (code[start + 1].Is(text, "("))
        {
            return brackets.Close(start + 1, end) == end - 1 && end - start > 3 ? (start + 2, end - 1) : null;
        }

        return (start + 1, end);
    }

    /// <summary>
    /// The lvalue the call at <paramref name="name"/> is assigned to, as [Start, End): <c>p</c>, <c>dev-&gt;buf</c>,
    /// <c>a[i].p</c>, <c>*pp</c>, or the declarator of <c>struct foo *p = …</c>. A cast to a pointer type may stand
    /// between the '=' and the call. Null when the call is not the whole right-hand side of a plain '='.
    /// </summary>
    private static (int Start, int End)? AssignedTo(string text, IReadOnlyList<Token> code, int name)
    {
        var k = name - 1;
        if (k >= 0 && code[k].Is(text, ")"))
        {
            var cast = OpenBefore(text, code, k);
            if (cast < 0 || !Enumerable.Range(cast, k - cast).Any(j => code[j].Is(text, "*")))
            {
                return null;
            }

            k = cast - 1;
        }

        if (k < 1 || !code[k].Is(text, "="))
        {
            return null;
        }

        var end = k;
        var i = k - 1;
        if (!(code[i].Kind == TokenKind.Identifier || code[i].Is(text, ")") || code[i].Is(text, "]")))
        {
            return null;
        }

        // A postfix expression read backwards: names joined by '.' or '->', with subscripts and parenthesised groups.
        while (i >= 0)
        {
            if (code[i].Is(text, "]") || code[i].Is(text, ")"))
            {
                i = OpenBefore(text, code, i);
                if (i < 0)
                {
                    return null;
                }

                i--;
                if (i >= 0 && (code[i].Kind == TokenKind.Identifier || code[i].Is(text, "]") || code[i].Is(text, ")")) && !StatementWords.Contains(code[i].Text(text)))
                {
                    continue;
                }

                break;
            }

            if (code[i].Kind != TokenKind.Identifier || StatementWords.Contains(code[i].Text(text)))
            {
                return null;
            }

            if (i >= 2 && (code[i - 1].Is(text, ".") || code[i - 1].Is(text, "->")))
            {
                i -= 2;
                continue;
            }

            i--;
            break;
        }

        var start = i + 1;

        // Leading stars dereference the target unless a type name stands before them (a declarator: struct foo *p = …).
        var stars = start;
        while (stars > 0 && code[stars - 1].Is(text, "*"))
        {
            stars--;
        }

        if (stars < start && !IsDeclarator(text, code, stars))
        {
            start = stars;
        }

        return start < end ? (start, end) : null;
    }

    /// <summary>
    /// Whether the stars from <paramref name="stars"/> on belong to a declarator: a type name stands before them
    /// (<c>struct foo *p</c>), or the body of an unnamed or tagged struct or union (<c>struct { … } *p</c>).
    /// </summary>
    private static bool IsDeclarator(string text, IReadOnlyList<Token> code, int stars)
    {
        if (stars == 0)
        {
            return false;
        }

        var before = code[stars - 1];
        if (before.Kind == TokenKind.Identifier)
        {
            return !StatementWords.Contains(before.Text(text));
        }

        if (!before.Is(text, "}"))
        {
            return false;
        }

        var depth = 0;
        for (var k = stars - 1; k > 0 && k > stars - MaxBodyTokens; k--)
        {
            if (code[k].Is(text, "}"))
            {
                depth++;
            }
            else if (code[k].Is(text, "{") && --depth == 0)
            {
                var tag = code[k - 1].Kind == TokenKind.Identifier && k >= 2 && IsAggregate(text, code[k - 2]) ? code[k - 2] : code[k - 1];
                return IsAggregate(text, tag);
            }
        }

        return false;
    }

    private static bool IsAggregate(string text, Token token) => token.Is(text, "struct") || token.Is(text, "union") || token.Is(text, "enum");

    /// <summary>
    /// The type of the nearest declaration of the name at <paramref name="name"/> at or before it, as written and
    /// without qualifiers (<c>struct foo *</c>); null when none is seen or it is not a plain <c>type *name</c>.
    /// </summary>
    private static string? DeclaredType(string text, IReadOnlyList<Token> code, int name)
    {
        var word = code[name].Text(text);
        for (var d = name; d > 0 && d > name - MaxDeclarationTokens; d--)
        {
            if (!code[d].Is(text, word) || d + 1 >= code.Count ||
                !(code[d + 1].Is(text, ";") || code[d + 1].Is(text, "=") || code[d + 1].Is(text, ",") || code[d + 1].Is(text, ")")))
            {
                continue;
            }

            var previous = code[d - 1];
            if (!previous.Is(text, "*") && (previous.Kind != TokenKind.Identifier || StatementWords.Contains(previous.Text(text))))
            {
                continue; // A use (x = p; f(a, p)), not a declaration.
            }

            var first = d;
            while (first > 0 && (code[first - 1].Is(text, "*") || code[first - 1].Kind == TokenKind.Identifier))
            {
                first--;
            }

            return code[first].Is(text, "*") ? null : TypeOf(text, code, first, d);
        }

        return null;
    }

    /// <summary>A type's words and stars without qualifiers, one space apart: <c>struct foo *</c>.</summary>
    private static string TypeOf(string text, IReadOnlyList<Token> code, int start, int end) =>
        string.Join(' ', Enumerable.Range(start, end - start).Select(k => code[k].Text(text)).Where(w => !Qualifiers.Contains(w)));

    private static bool SameTokens(string text, IReadOnlyList<Token> code, int aStart, int aEnd, int bStart, int bEnd) =>
        aEnd - aStart == bEnd - bStart && Enumerable.Range(0, aEnd - aStart).All(j => code[aStart + j].Is(text, code[bStart + j].Text(text)));

    /// <summary>The source of a token range without white space (<c>dev-&gt;buf</c>), but with one between two words (<c>struct foo *</c>).</summary>
    private static string Join(string text, IReadOnlyList<Token> code, int start, int end)
    {
        var result = new System.Text.StringBuilder();
        for (var k = start; k < end; k++)
        {
            if (k > start && code[k - 1].Kind == TokenKind.Identifier && (code[k].Kind == TokenKind.Identifier || code[k].Is(text, "*")))
            {
                result.Append(' ');
            }

            result.Append(text, code[k].Start, code[k].Length);
        }

        return result.ToString();
    }

    /// <summary>The '(' or '[' matching the ')' or ']' at <paramref name="close"/>, read backwards a short way; -1 when not found.</summary>
    private static int OpenBefore(string text, IReadOnlyList<Token> code, int close)
    {
        var depth = 0;
        for (var k = close; k >= 0 && k > close - MaxBackTokens; k--)
        {
            if (code[k].Is(text, ")") || code[k].Is(text, "]"))
            {
                depth++;
            }
            else if ((code[k].Is(text, "(") || code[k].Is(text, "[")) && --depth == 0)
            {
                return k;
            }
        }

        return -1;
    }
}
