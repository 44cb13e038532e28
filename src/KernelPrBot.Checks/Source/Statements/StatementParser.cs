namespace KernelPrBot.Checks.Source.Statements;

/// <summary>
/// Builds the statement tree of a function body from filtered tokens. Tolerant: anything it cannot place
/// becomes an expression statement, and it always advances, so it never fails on real kernel code.
/// </summary>
public sealed class StatementParser
{
    private const int MaxDepth = 400;
    private readonly string _source;
    private readonly IReadOnlyList<Token> _code;
    private readonly BracketMap _brackets;
    private readonly int _end;
    private int _pos;
    private int _depth;

    private StatementParser(string source, IReadOnlyList<Token> code, BracketMap brackets, int start, int end)
    {
        _source = source;
        _code = code;
        _brackets = brackets;
        _pos = start;
        _end = Math.Min(end, code.Count);
    }

    /// <summary>Parses the tokens between a function's braces into a block.</summary>
    /// <param name="brackets">The bracket partners of <paramref name="code"/>.</param>
    public static BlockStatement ParseBody(string source, IReadOnlyList<Token> code, BracketMap brackets, FunctionDefinition function)
    {
        var parser = new StatementParser(source, code, brackets, function.BodyStart, function.BodyEnd);
        var body = new List<Statement>();
        while (parser._pos < parser._end)
        {
            var before = parser._pos;
            body.Add(parser.ParseStatement());
            if (parser._pos == before)
            {
                parser._pos++;
            }
        }

        return new BlockStatement(body, function.Line, function.EndLine);
    }

    private bool At(string text) => _pos < _end && _code[_pos].Is(_source, text);

    private bool AtOffset(int offset, string text) => _pos + offset < _end && _code[_pos + offset].Is(_source, text);

    private int LineHere => _pos < _end ? _code[_pos].Line : (_end > 0 && _end <= _code.Count ? _code[_end - 1].Line : 0);

    private Statement ParseStatement()
    {
        if (++_depth > MaxDepth)
        {
            _depth--;
            return SkipToEnd();
        }

        try
        {
            return ParseStatementCore();
        }
        finally
        {
            _depth--;
        }
    }

    private ExpressionStatement SkipToEnd()
    {
        var line = LineHere;
        var start = _pos;
        _pos = _end;
        return new ExpressionStatement(start, _end, line);
    }

    private Statement ParseStatementCore()
    {
        var line = LineHere;
        var t = _code[_pos];
        if (t.Is(_source, "{"))
        {
            return ParseBlock();
        }

        if (t.Is(_source, ";"))
        {
            _pos++;
            return new ExpressionStatement(_pos - 1, _pos - 1, line);
        }

        if (t.Kind == TokenKind.Identifier)
        {
            var word = t.Text(_source);
            switch (word)
            {
                case "if":
                    return ParseIf(line);
                case "while" or "for" or "switch":
                    {
                        _pos++;
                        var (start, end) = ParenRange();
                        var body = ParseStatementOrEmpty();
                        return word == "switch" ? new SwitchStatement(start, end, body, line) : new LoopStatement(word, start, end, body, line);
                    }

                case "do":
                    {
                        _pos++;
                        var body = ParseStatementOrEmpty();
                        var (start, end) = (_pos, _pos);
                        if (At("while"))
                        {
                            _pos++;
                            (start, end) = ParenRange();
                        }

                        SkipSemicolon();
                        return new LoopStatement("do", start, end, body, line);
                    }

                case "case" or "default" when word == "default" ? AtOffset(1, ":") : true:
                    SkipCaseLabel();
                    return new CaseLabelStatement(word == "default", line);
                case "return":
                    {
                        _pos++;
                        var start = _pos;
                        var end = ScanToSemicolon();
                        return new ReturnStatement(start, end, line);
                    }

                case "goto":
                    {
                        _pos++;
                        var label = _pos < _end ? _code[_pos].Text(_source) : string.Empty;
                        ScanToSemicolon();
                        return new GotoStatement(label, line);
                    }

                case "break":
                    _pos++;
                    SkipSemicolon();
                    return new BreakStatement(line);
                case "continue":
                    _pos++;
                    SkipSemicolon();
                    return new ContinueStatement(line);
                case "else":
                    _pos++; // A dangling else from a configuration we filtered; parse what follows.
                    return ParseStatementOrEmpty();
            }

            if (AtOffset(1, ":") && !AtOffset(2, ":"))
            {
                _pos += 2;
                return new LabelStatement(word, line);
            }

            if (AtOffset(1, "("))
            {
                var macro = TryMacroBlock(word, line);
                if (macro is not null)
                {
                    return macro;
                }
            }
        }

        var exprStart = _pos;
        var exprEnd = ScanToSemicolon();
        if (_pos == exprStart)
        {
            _pos++; // A stray closing bracket (unbalanced code from a configuration we filtered): skip it.
        }

        return new ExpressionStatement(exprStart, exprEnd, line);
    }

    private BlockStatement ParseBlock()
    {
        var line = LineHere;
        var close = FunctionFinder.MatchBrace(_brackets, _code, _pos);
        var end = Math.Min(close, _end);
        _pos++;
        var body = new List<Statement>();
        while (_pos < end)
        {
            var before = _pos;
            body.Add(ParseStatementBounded(end));
            if (_pos == before)
            {
                _pos++;
            }
        }

        var endLine = close < _code.Count ? _code[close].Line : line;
        _pos = Math.Min(end + 1, _end);
        return new BlockStatement(body, line, endLine);
    }

    /// <summary>Parses one statement that must not run past <paramref name="limit"/> (the enclosing block's brace).</summary>
    private Statement ParseStatementBounded(int limit)
    {
        var parser = new StatementParser(_source, _code, _brackets, _pos, limit) { _depth = _depth };
        var statement = parser.ParseStatement();
        _pos = Math.Max(parser._pos, _pos);
        return statement;
    }

    private IfStatement ParseIf(int line)
    {
        _pos++;
        var (start, end) = ParenRange();
        var then = ParseStatementOrEmpty();
        Statement? otherwise = null;
        if (At("else"))
        {
            _pos++;
            otherwise = ParseStatementOrEmpty();
        }

        return new IfStatement(start, end, then, otherwise, line);
    }

    private Statement ParseStatementOrEmpty() =>
        _pos < _end ? ParseStatement() : new ExpressionStatement(_pos, _pos, LineHere);

    /// <summary>A macro call followed by a statement: a loop macro (for_each…) or a scoped guard.</summary>
    private Statement? TryMacroBlock(string word, int line)
    {
        var open = _pos + 1;
        var close = MatchParen(open);
        if (close < 0 || close + 1 >= _end)
        {
            return null;
        }

        var next = _code[close + 1];
        var isGuard = word is "scoped_guard" or "scoped_cond_guard";
        var isLoop = word.Contains("for_each", StringComparison.Ordinal) || word.Contains("foreach", StringComparison.Ordinal) ||
                     word.StartsWith("for_", StringComparison.Ordinal) || word.EndsWith("_for_each", StringComparison.Ordinal);
        var blockFollows = next.Is(_source, "{");
        if (!(isGuard || isLoop) && !blockFollows)
        {
            return null;
        }

        if (!isGuard && !isLoop && blockFollows)
        {
            // name(...) { — an unknown loop-like macro; a call followed by a block never occurs otherwise.
            isLoop = true;
        }

        if (!blockFollows && (next.Is(_source, ";") || next.Kind == TokenKind.Punctuator && !next.Is(_source, "(")))
        {
            return null; // A plain call statement: "for_each_thing(x);" or an expression.
        }

        _pos = close + 1;
        var body = ParseStatementOrEmpty();
        return isGuard
            ? new ScopedGuardStatement(word, open + 1, close, body, line)
            : new LoopStatement(word, open + 1, close, body, line);
    }

    private (int Start, int End) ParenRange()
    {
        if (!At("("))
        {
            return (_pos, _pos);
        }

        var close = MatchParen(_pos);
        if (close < 0)
        {
            var start = _pos + 1;
            _pos = _end;
            return (start, _end);
        }

        var range = (_pos + 1, close);
        _pos = close + 1;
        return range;
    }

    private int MatchParen(int open) => _brackets.Close(open, _end);

    /// <summary>Moves past the next ';' at nesting depth 0 (statement expressions and initializers nest); returns the end of the expression.</summary>
    private int ScanToSemicolon()
    {
        var depth = 0;
        while (_pos < _end)
        {
            var t = _code[_pos];
            if (t.Is(_source, "(") || t.Is(_source, "[") || t.Is(_source, "{"))
            {
                depth++;
            }
            else if (t.Is(_source, ")") || t.Is(_source, "]") || t.Is(_source, "}"))
            {
                if (depth == 0)
                {
                    return _pos; // An unbalanced closer belongs to the enclosing construct.
                }

                depth--;
            }
            else if (depth == 0 && t.Is(_source, ";"))
            {
                _pos++;
                return _pos - 1;
            }

            _pos++;
        }

        return _pos;
    }

    private void SkipSemicolon()
    {
        if (At(";"))
        {
            _pos++;
        }
    }

    private void SkipCaseLabel()
    {
        var depth = 0;
        while (_pos < _end)
        {
            var t = _code[_pos];
            if (t.Is(_source, "(") || t.Is(_source, "["))
            {
                depth++;
            }
            else if (t.Is(_source, ")") || t.Is(_source, "]"))
            {
                depth--;
            }
            else if (depth == 0 && t.Is(_source, "?"))
            {
                // A ternary inside a case expression: its ':' is not the label's.
                depth += 100;
            }
            else if (t.Is(_source, ":"))
            {
                if (depth >= 100)
                {
                    depth -= 100;
                }
                else if (depth == 0)
                {
                    _pos++;
                    return;
                }
            }

            _pos++;
        }
    }
}
