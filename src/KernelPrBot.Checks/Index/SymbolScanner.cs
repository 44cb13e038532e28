using KernelPrBot.Checks.Source;
using KernelPrBot.Checks.Index.Summaries;

namespace KernelPrBot.Checks.Index;

/// <summary>
/// Finds the names a C file defines, from the tokens of <see cref="CLexer"/> (no preprocessing): function
/// definitions and prototypes with their parameter counts, function-like and object-like macros, function
/// pointers, EXPORT_SYMBOL* names, tracepoints declared with TRACE_EVENT()/DEFINE_EVENT(), typedefs,
/// struct/union/enum tags and enum constants. Both branches of an <c>#if</c> are read, so config-dependent
/// stubs give several arities. Unbalanced braces (from <c>#ifdef</c>) are resynchronised at a <c>}</c> in
/// column 0, where kernel style closes every top-level body.
/// </summary>
public sealed class SymbolScanner
{
    /// <summary>Words that can stand before a name followed by <c>(</c> without making it a declarator.</summary>
    private static readonly HashSet<string> NotTypes = new(StringComparer.Ordinal)
    {
        "return", "else", "do", "case", "goto", "if", "while", "for", "switch", "sizeof", "typeof", "__typeof__",
        "__typeof", "defined", "default", "break", "continue",
    };

    /// <summary>Attribute-like macros that take arguments and may stand where a declarator name could.</summary>
    private static readonly HashSet<string> Attributes = new(StringComparer.Ordinal)
    {
        "__attribute__", "__attribute", "__declspec", "asm", "__asm__", "__asm", "__aligned", "__printf", "__scanf",
        "__section", "__must_hold", "__acquires", "__releases", "__cond_acquires", "__alloc_size", "__counted_by",
        "__assume_aligned", "__realloc_size", "__free", "__cleanup", "__diag_push", "__diag_pop", "__diag_ignore",
        "__nocfi_generic", "__typeof_unqual__", "__no_sanitize_address", "__malloc", "__format",
    };

    /// <summary>Storage-class and annotation words that do not name a declarator.</summary>
    private static readonly HashSet<string> Annotations = new(StringComparer.Ordinal)
    {
        "const", "volatile", "restrict", "__restrict", "__iomem", "__user", "__rcu", "__percpu", "__force", "__init",
        "__exit", "__initdata", "__initconst", "__read_mostly", "__ro_after_init", "__maybe_unused", "__always_unused",
        "__used", "__weak", "__packed", "__noreturn", "__must_check", "__cold", "__hot", "__pure", "__visible",
        "notrace", "noinline", "__always_inline", "inline", "__inline", "__inline__", "static", "extern",
    };

    private readonly string _text;
    private readonly List<Token> _tokens;
    private readonly ISymbolSink _sink;
    private readonly List<int> _statement = new(64);
    private readonly PastedNames _pasting;
    private readonly ISummarySink? _summaries;
    private int _definition = -1;
    private bool _definitionStatic;

    [ThreadStatic]
    private static List<Token>? _reusableTokens;

    private SymbolScanner(string text, List<Token> tokens, ISymbolSink sink)
    {
        _text = text;
        _tokens = tokens;
        _sink = sink;
        _summaries = sink as ISummarySink;
        _pasting = new PastedNames(text, tokens);
    }

    /// <summary>Scans text already lexed without comments (a <c>CodeView</c>'s code tokens): it is not lexed again.</summary>
    public static void Scan(string text, IReadOnlyList<Token> codeTokens, ISymbolSink sink)
    {
        ArgumentNullException.ThrowIfNull(codeTokens);
        new SymbolScanner(text, codeTokens as List<Token> ?? [.. codeTokens], sink).Run();
    }

    public static void Scan(string text, ISymbolSink sink)
    {
        // One token list per thread, reused file after file: a tree scan lexes 1.3 GB of source.
        var tokens = _reusableTokens ?? new List<Token>(1 << 16);
        _reusableTokens = null;
        try
        {
            CLexer.Lex(text, tokens, keepComments: false);
            new SymbolScanner(text, tokens, sink).Run();
        }
        finally
        {
            if (tokens.Capacity > 1 << 22)
            {
                tokens = new List<Token>(1 << 16); // Do not keep the list of one huge file alive.
            }

            tokens.Clear();
            _reusableTokens = tokens;
        }
    }

    private void Run()
    {
        var i = 0;
        while (i < _tokens.Count)
        {
            i = _tokens[i].Kind == TokenKind.Directive ? ScanDirective(i) : ScanStatement(i);
        }
    }

    private bool Is(int i, string text) => i >= 0 && i < _tokens.Count && _tokens[i].Is(_text, text);

    private bool IsIdent(int i) => i >= 0 && i < _tokens.Count && _tokens[i].Kind == TokenKind.Identifier;

    private ReadOnlySpan<char> Span(int i) => _text.AsSpan(_tokens[i].Start, _tokens[i].Length);

    private string Word(int i) => _tokens[i].Text(_text);

    private bool AtColumnZero(int i) => _tokens[i].Start == 0 || _text[_tokens[i].Start - 1] == '\n';

    private void Add(int nameToken, SymbolKinds kinds, Arity? arity = null) => _sink.Add(Span(nameToken), kinds, arity, _tokens[nameToken].Line);

    /// <summary>A preprocessor directive; returns the index after its last token.</summary>
    private int ScanDirective(int i)
    {
        var end = i + 1;
        while (end < _tokens.Count && _tokens[end].InDirective && _tokens[end].Kind != TokenKind.Directive)
        {
            end++;
        }

        var directive = _text.AsSpan(_tokens[i].Start + 1, _tokens[i].Length - 1).Trim();
        if (_summaries is not null && directive.SequenceEqual("include") && i + 1 < end && Span(i + 1) is ['"', .. var included, '"'])
        {
            _summaries.AddInclude(included);
        }

        if (!directive.SequenceEqual("define") || i + 1 >= end || !IsIdent(i + 1))
        {
            return end;
        }

        var name = i + 1;
        var nameToken = _tokens[name];
        if (i + 2 < end && Is(i + 2, "(") && _tokens[i + 2].Start == nameToken.Start + nameToken.Length)
        {
            var count = 0;
            var variadic = false;
            var parameters = new List<string>();
            var k = i + 3;
            for (; k < end && !Is(k, ")"); k++)
            {
                if (Is(k, "..."))
                {
                    variadic = true;
                    if (!IsIdent(k - 1))
                    {
                        parameters.Add("__VA_ARGS__");
                    }
                }
                else if (IsIdent(k))
                {
                    parameters.Add(Word(k));
                    if (!Is(k + 1, "..."))
                    {
                        count++;
                    }
                }
            }

            Add(name, SymbolKinds.FunctionMacro, new Arity(count, variadic));
            if (_pasting.Generator(Word(name), parameters, k + 1, end) is { } generator)
            {
                _sink.AddGenerator(generator);
            }

            return end;
        }

        if (i + 2 >= end)
        {
            if (!IsIncludeGuard(Span(name)))
            {
                Add(name, SymbolKinds.ObjectMacro);
            }

            return end;
        }

        if (!IsConstant(i + 2, end))
        {
            Add(name, SymbolKinds.ObjectMacro);
        }

        return end;
    }

    private static bool IsIncludeGuard(ReadOnlySpan<char> name) =>
        name.EndsWith("_H") || name.EndsWith("_H_") || name.EndsWith("_H__") || name.EndsWith("_H_INCLUDED");

    /// <summary>
    /// A replacement list of numbers and operators only (register offsets, masks). Such a macro cannot be
    /// called; the index leaves these out, which keeps it small (about 2.2 million of them in 6.12).
    /// </summary>
    private bool IsConstant(int start, int end)
    {
        var sawNumber = false;
        for (var k = start; k < end; k++)
        {
            var t = _tokens[k];
            if (t.Kind == TokenKind.Number)
            {
                sawNumber = true;
                continue;
            }

            if (t.Kind != TokenKind.Punctuator || Is(k, "##") || Is(k, "#") || Is(k, ",") || Is(k, ";") || Is(k, "{") || Is(k, "}"))
            {
                return false;
            }
        }

        return sawNumber;
    }

    /// <summary>A top-level declaration or definition, up to its ';' or the end of its body.</summary>
    private int ScanStatement(int i)
    {
        _statement.Clear();
        var parens = 0;
        var hasDeclarator = false;
        while (i < _tokens.Count)
        {
            var t = _tokens[i];
            if (t.Kind == TokenKind.Directive)
            {
                i = ScanDirective(i);
                continue;
            }

            if (t.Kind == TokenKind.Punctuator && t.Length == 1)
            {
                var c = _text[t.Start];
                if (c == '(')
                {
                    parens++;
                }
                else if (c == ')')
                {
                    parens = Math.Max(0, parens - 1);
                    hasDeclarator = true;
                }
                else if (c == ';' && parens == 0)
                {
                    Declare(definition: false);
                    return i + 1;
                }
                else if (c == '}' && parens == 0)
                {
                    // A stray closing brace (from #ifdef'd code): the statement so far is dropped.
                    return i + 1;
                }
                else if (c == '{')
                {
                    var previous = _statement.Count > 0 ? _statement[^1] : -1;
                    var tag = TagBefore();
                    if (tag >= 0 || Is(previous, "=") || Is(previous, ",") || Is(previous, "(") || parens > 0)
                    {
                        var bodyStart = i;
                        i = SkipBody(i, enumBody: tag >= 0 && Is(tag, "enum"));
                        if (_summaries is not null && tag < 0 && Is(previous, "="))
                        {
                            InitializerScanner.Scan(_text, _tokens, StructTypeOfStatement(), bodyStart, i, _summaries);
                        }

                        _statement.Add(i - 1);
                        continue;
                    }

                    _definition = -1;
                    if (hasDeclarator)
                    {
                        Declare(definition: true);
                    }

                    var end = SkipBody(i, enumBody: false);
                    if (_summaries is not null && _definition >= 0 && _summaries.WantsBodies)
                    {
                        _summaries.BeginFunction(Span(_definition), _definitionStatic, _statement.Any(k => Is(k, "__init")), _tokens[_definition].Line);
                        var releases = FunctionBodyScanner.Scan(_text, _tokens, _definition, i, end, _summaries);
                        _summaries.EndFunction(releases);
                    }

                    return end;
                }
            }

            // A generator invocation: an upper-case macro anywhere at this level, or any name that opens the statement
            // (b53_build_op(read8, u8 *); at file scope: a statement cannot start with a call of a function).
            if (parens == 0 && t.Kind == TokenKind.Identifier && i + 1 < _tokens.Count && Is(i + 1, "(") && (_statement.Count == 0 || PastedNames.IsUpperName(Span(i))))
            {
                var arguments = _pasting.Arguments(i + 1, _tokens.Count, null);
                if ((arguments.Count > 0 && arguments.Any(a => a is not null)) || (Is(i + 2, ")") && PastedNames.IsUpperName(Span(i))))
                {
                    _sink.AddInvocation(new MacroInvocation(Word(i), arguments));
                }
            }

            _statement.Add(i);
            i++;
            if (_statement.Count > 20000)
            {
                return i; // Not a declaration we understand; go on from here.
            }
        }

        if (hasDeclarator)
        {
            Declare(definition: false); // A header without its ';' or body: the end of a hunk's added lines.
        }

        return i;
    }

    /// <summary>For a '{' ending the statement so far: the struct/union/enum keyword before it (recording the tag), or -1.</summary>
    private int TagBefore()
    {
        var n = _statement.Count;
        int keyword;
        if (n >= 1 && IsTagKeyword(_statement[n - 1]))
        {
            keyword = _statement[n - 1];
        }
        else if (n >= 2 && IsIdent(_statement[n - 1]) && IsTagKeyword(_statement[n - 2]))
        {
            keyword = _statement[n - 2];
            Add(_statement[n - 1], TagKind(keyword));
        }
        else if (n >= 3 && IsIdent(_statement[n - 1]) && IsIdent(_statement[n - 2]) && IsTagKeyword(_statement[n - 3]))
        {
            // struct __packed name {, struct __randomize_layout name {
            keyword = _statement[n - 3];
            Add(_statement[n - 1], TagKind(keyword));
        }
        else
        {
            return -1;
        }

        return keyword;
    }

    private bool IsTagKeyword(int i) => Is(i, "struct") || Is(i, "union") || Is(i, "enum");

    private SymbolKinds TagKind(int keyword) => Is(keyword, "struct") ? SymbolKinds.Struct : Is(keyword, "union") ? SymbolKinds.Union : SymbolKinds.Enum;

    /// <summary>Skips a braced body from its '{'; records macros, tags and enum constants inside. Returns the index after '}'.</summary>
    private int SkipBody(int open, bool enumBody)
    {
        var depth = 0;
        var parens = 0;
        var i = open;
        while (i < _tokens.Count)
        {
            var t = _tokens[i];
            if (t.Kind == TokenKind.Directive)
            {
                i = ScanDirective(i);
                continue;
            }

            if (t.Kind == TokenKind.Punctuator && t.Length == 1)
            {
                switch (_text[t.Start])
                {
                    case '{':
                        if (depth > 0 && IsEnumOpen(i))
                        {
                            i = SkipBody(i, enumBody: true);
                            continue;
                        }

                        if (depth > 0 && IsIdent(i - 1) && (Is(i - 2, "struct") || Is(i - 2, "union")))
                        {
                            Add(i - 1, Is(i - 2, "struct") ? SymbolKinds.Struct : SymbolKinds.Union);
                        }

                        depth++;
                        break;
                    case '}':
                        depth--;
                        if (depth <= 0 || AtColumnZero(i))
                        {
                            return i + 1;
                        }

                        break;
                    case '(':
                        parens++;
                        break;
                    case ')':
                        parens = Math.Max(0, parens - 1);
                        break;
                }
            }
            else if (enumBody && depth == 1 && parens == 0 && t.Kind == TokenKind.Identifier && (Is(i - 1, "{") || Is(i - 1, ",")))
            {
                Add(i, SymbolKinds.EnumConstant);
            }

            i++;
        }

        return i;
    }

    private bool IsEnumOpen(int brace) => Is(brace - 1, "enum") || (IsIdent(brace - 1) && Is(brace - 2, "enum"));

    /// <summary>Reads the declarators of a finished top-level statement.</summary>
    private void Declare(bool definition)
    {
        var s = _statement;
        if (s.Count == 0)
        {
            return;
        }

        var first = s[0];
        if (IsIdent(first) && Is(first + 1, "("))
        {
            if (MacroStatement(first))
            {
                return;
            }
        }

        if (Is(first, "typedef"))
        {
            Typedef();
            return;
        }

        // Forward declarations and tags: struct foo; struct foo *bar(void);
        for (var k = 0; k + 1 < s.Count; k++)
        {
            if (IsTagKeyword(s[k]) && IsIdent(s[k + 1]) && s[k + 1] == s[k] + 1)
            {
                Add(s[k + 1], TagKind(s[k]));
            }
        }

        var isStatic = false;
        var isInline = false;
        var segmentStart = 0;
        var depth = 0;
        var firstSegment = true;
        for (var k = 0; k <= s.Count; k++)
        {
            if (k < s.Count)
            {
                var w = s[k];
                if (Is(w, "static"))
                {
                    isStatic = true;
                }
                else if (Is(w, "inline") || Is(w, "__inline") || Is(w, "__inline__") || Is(w, "__always_inline"))
                {
                    isInline = true;
                }

                if (Is(w, "(") || Is(w, "["))
                {
                    depth++;
                }
                else if (Is(w, ")") || Is(w, "]"))
                {
                    depth--;
                }

                if (!(depth == 0 && Is(w, ",")))
                {
                    continue;
                }
            }

            var kinds = definition && firstSegment ? SymbolKinds.Function : SymbolKinds.Prototype;
            if (kinds == SymbolKinds.Function && isStatic && isInline)
            {
                kinds |= SymbolKinds.StaticInline;
            }

            if (firstSegment && definition)
            {
                _definitionStatic = isStatic;
            }

            Declarator(segmentStart, k, firstSegment, kinds);
            firstSegment = false;
            segmentStart = k + 1;
        }
    }

    /// <summary>One declarator of a statement (statement positions <paramref name="from"/> to <paramref name="to"/>).</summary>
    private void Declarator(int from, int to, bool firstSegment, SymbolKinds functionKinds)
    {
        var s = _statement;
        var sawType = false;
        var afterAttribute = false;
        for (var k = from; k < to; k++)
        {
            var at = s[k];
            if (IsIdent(at) && !Attributes.Contains(Word(at)) && !Is(at + 1, "("))
            {
                sawType = true;
            }

            if (Is(at, "="))
            {
                return; // Initialisers hold calls, not declarations.
            }

            // (*name)(params): a function pointer; (*name(params))(...): a function returning one.
            if (Is(at, "(") && k + 2 < to && Is(s[k + 1], "*"))
            {
                var n = k + 2;
                while (n < to && IsIdent(s[n]) && Annotations.Contains(Word(s[n])) && n + 1 < to && IsIdent(s[n + 1]))
                {
                    n++;
                }

                if (n + 1 < to && IsIdent(s[n]) && Is(s[n + 1], ")") && n + 2 < to && Is(s[n + 2], "("))
                {
                    Add(s[n], SymbolKinds.FunctionPointer, CountParameters(s[n + 2]));
                    return;
                }
            }

            if (Is(at, "("))
            {
                var close = CloseInStatement(k, to);
                afterAttribute = k > from && IsIdent(s[k - 1]) && Attributes.Contains(Word(s[k - 1])) && sawType;
                k = close;
                continue;
            }

            if (!IsIdent(at) || k + 1 >= to || !Is(s[k + 1], "(") || s[k + 1] != at + 1)
            {
                continue;
            }

            var word = Word(at);
            if (Attributes.Contains(word))
            {
                continue;
            }

            var hasType = k > from
                ? (IsIdent(s[k - 1]) && !NotTypes.Contains(Word(s[k - 1]))) || Is(s[k - 1], "*") || (Is(s[k - 1], ")") && afterAttribute)
                : !firstSegment;
            if (!hasType)
            {
                continue;
            }

            Add(at, functionKinds, CountParameters(s[k + 1]));
            if ((functionKinds & SymbolKinds.Function) != 0)
            {
                _definition = at;
            }

            return;
        }
    }

    /// <summary>The struct type an initialised top-level variable has (<c>static const struct net_device_ops x = {</c>), or empty.</summary>
    private string StructTypeOfStatement()
    {
        for (var k = 0; k + 1 < _statement.Count; k++)
        {
            if (Is(_statement[k], "struct") && IsIdent(_statement[k + 1]))
            {
                return Word(_statement[k + 1]);
            }
        }

        return string.Empty;
    }

    /// <summary>The statement position of the ')' matching the '(' at <paramref name="open"/> (or the last position).</summary>
    private int CloseInStatement(int open, int to)
    {
        var depth = 0;
        for (var k = open; k < to; k++)
        {
            if (Is(_statement[k], "("))
            {
                depth++;
            }
            else if (Is(_statement[k], ")") && --depth == 0)
            {
                return k;
            }
        }

        return to - 1;
    }

    private void Typedef()
    {
        var s = _statement;
        var depth = 0;
        var candidate = -1;
        for (var k = 1; k < s.Count; k++)
        {
            var at = s[k];
            if (depth == 0 && Is(at, "(") && k + 2 < s.Count && Is(s[k + 1], "*") && IsIdent(s[k + 2]))
            {
                var n = k + 2;
                while (n + 1 < s.Count && IsIdent(s[n + 1]) && Annotations.Contains(Word(s[n])))
                {
                    n++;
                }

                Add(s[n], SymbolKinds.Typedef | SymbolKinds.FunctionPointer);
                return;
            }

            if (Is(at, "(") || Is(at, "["))
            {
                if (depth == 0 && Is(at, "(") && candidate >= 0 && candidate == k - 1 && !Word(s[candidate]).StartsWith("__", StringComparison.Ordinal))
                {
                    Add(s[candidate], SymbolKinds.Typedef);
                    return; // typedef void fn_t(int);
                }

                depth++;
            }
            else if (Is(at, ")") || Is(at, "]"))
            {
                depth--;
            }
            else if (depth == 0 && IsIdent(at) && !Annotations.Contains(Word(at)) && !IsTagKeyword(at))
            {
                candidate = k;
            }
            else if (depth == 0 && Is(at, ",") && candidate >= 0)
            {
                Add(s[candidate], SymbolKinds.Typedef);
                candidate = -1;
            }
        }

        if (candidate >= 0)
        {
            Add(s[candidate], SymbolKinds.Typedef);
        }
    }

    /// <summary>EXPORT_SYMBOL*(name) and the tracepoint declarations; true when the statement was one of them.</summary>
    private bool MacroStatement(int first)
    {
        var word = Span(first);
        if (word.StartsWith("EXPORT_SYMBOL") || word.StartsWith("EXPORT_TRACEPOINT_SYMBOL"))
        {
            if (IsIdent(first + 2))
            {
                Add(first + 2, SymbolKinds.Exported);
            }

            return true;
        }

        var nameArgument = word.StartsWith("TRACE_EVENT") || word.StartsWith("DECLARE_TRACE") ? 0
            : word.StartsWith("DEFINE_EVENT") ? 1
            : -1;
        if (nameArgument < 0)
        {
            return false;
        }

        var args = ArgumentStarts(first + 1);
        if (args.Count <= nameArgument || !_pasting.IsNamePiece(args[nameArgument]))
        {
            return true;
        }

        var nameToken = args[nameArgument];
        Arity? arity = null;
        foreach (var a in args)
        {
            if (Is(a, "TP_PROTO") && Is(a + 1, "("))
            {
                arity = CountParameters(a + 1);
            }
        }

        var name = Word(nameToken);
        var line = _tokens[nameToken].Line;
        _sink.Add("trace_" + name, SymbolKinds.Function, arity, line);
        _sink.Add("trace_" + name + "_enabled", SymbolKinds.Function, new Arity(0, false), line);
        _sink.Add("register_trace_" + name, SymbolKinds.Function, null, line);
        _sink.Add("unregister_trace_" + name, SymbolKinds.Function, null, line);
        return true;
    }

    /// <summary>The first token of each argument of the call whose '(' is at <paramref name="open"/>.</summary>
    private List<int> ArgumentStarts(int open)
    {
        var result = new List<int>();
        var depth = 0;
        for (var k = open; k < _tokens.Count; k++)
        {
            if (Is(k, "(") || Is(k, "[") || Is(k, "{"))
            {
                if (depth++ == 0)
                {
                    result.Add(k + 1);
                }
            }
            else if (Is(k, ")") || Is(k, "]") || Is(k, "}"))
            {
                if (--depth == 0)
                {
                    break;
                }
            }
            else if (depth == 1 && Is(k, ","))
            {
                result.Add(k + 1);
            }
        }

        return result;
    }

    /// <summary>The parameters of a declarator's list at '(' <paramref name="open"/>: (void) is 0, ... is variadic.</summary>
    private Arity CountParameters(int open)
    {
        var depth = 0;
        var count = 0;
        var variadic = false;
        var empty = true;
        var onlyVoid = false;
        for (var k = open; k < _tokens.Count && k < open + 4000; k++)
        {
            if (_tokens[k].Kind == TokenKind.Directive)
            {
                continue;
            }

            if (Is(k, "(") || Is(k, "[") || Is(k, "{"))
            {
                depth++;
                continue;
            }

            if (Is(k, ")") || Is(k, "]") || Is(k, "}"))
            {
                if (--depth == 0)
                {
                    break;
                }

                continue;
            }

            if (depth != 1)
            {
                continue;
            }

            if (Is(k, ","))
            {
                count++;
                continue;
            }

            if (Is(k, "..."))
            {
                variadic = true;
                continue;
            }

            onlyVoid = empty && Is(k, "void") && Is(k + 1, ")");
            empty = false;
        }

        if (empty || onlyVoid)
        {
            return new Arity(0, variadic);
        }

        // "a, b, ..." counts the commas before the ellipsis: two fixed parameters.
        return variadic ? new Arity(count, true) : new Arity(count + 1, false);
    }
}
