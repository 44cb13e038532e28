namespace KernelPrBot.Checks.Source;

/// <summary>
/// A C lexer for kernel sources that never fails: comments, string and char literals (with prefixes),
/// numbers, punctuators, preprocessor directives with line continuations. An unterminated comment or
/// literal ends at the end of input (or line, for literals). Runs in linear time.
/// </summary>
public static class CLexer
{
    public static List<Token> Lex(string source, bool keepComments = true)
    {
        var tokens = new List<Token>(source.Length / 6);
        Lex(source, tokens, keepComments);
        return tokens;
    }

    /// <summary>Lexes into <paramref name="tokens"/> (cleared first), so that a caller lexing many files can reuse one list.</summary>
    public static void Lex(string source, List<Token> tokens, bool keepComments = true)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        tokens.Clear();
        var i = 0;
        var line = 1;
        var atLineStart = true;
        var inDirective = false;
        var n = source.Length;
        while (i < n)
        {
            var c = source[i];
            if (c == '\n')
            {
                line++;
                i++;
                atLineStart = true;
                inDirective = false;
                continue;
            }

            if (c == '\\' && i + 1 < n && (source[i + 1] == '\n' || (source[i + 1] == '\r' && i + 2 < n && source[i + 2] == '\n')))
            {
                // Line continuation: the logical line (and a directive) goes on.
                i += source[i + 1] == '\n' ? 2 : 3;
                line++;
                continue;
            }

            if (c is ' ' or '\t' or '\r' or '\f' or '\v')
            {
                i++;
                continue;
            }

            var start = i;
            var startLine = line;
            if (c == '/' && i + 1 < n && source[i + 1] == '*')
            {
                var close = source.IndexOf("*/", i + 2, StringComparison.Ordinal);
                var end = close < 0 ? n : close + 2;
                line += CountNewlines(source, i, end);
                i = end;
                if (keepComments)
                {
                    tokens.Add(new Token(TokenKind.Comment, start, end - start, startLine, inDirective));
                }

                continue;
            }

            if (c == '/' && i + 1 < n && source[i + 1] == '/')
            {
                var end = i + 2;
                while (end < n && source[end] != '\n')
                {
                    // A backslash-newline continues a // comment too.
                    if (source[end] == '\\' && end + 1 < n && source[end + 1] == '\n')
                    {
                        end += 2;
                        line++;
                        continue;
                    }

                    end++;
                }

                i = end;
                if (keepComments)
                {
                    tokens.Add(new Token(TokenKind.Comment, start, end - start, startLine, inDirective));
                }

                continue;
            }

            if (c == '#' && atLineStart)
            {
                var j = i + 1;
                while (j < n && source[j] is ' ' or '\t')
                {
                    j++;
                }

                while (j < n && (char.IsAsciiLetterOrDigit(source[j]) || source[j] == '_'))
                {
                    j++;
                }

                tokens.Add(new Token(TokenKind.Directive, start, j - start, startLine, true));
                inDirective = true;
                atLineStart = false;
                i = j;
                if (IsInclude(source, start, j) && ReadHeaderName(source, ref i, out var headerStart))
                {
                    tokens.Add(new Token(TokenKind.StringLiteral, headerStart, i - headerStart, startLine, true));
                }

                continue;
            }

            atLineStart = false;
            if (IsIdentStart(c))
            {
                var end = i + 1;
                while (end < n && IsIdentPart(source[end]))
                {
                    end++;
                }

                // String and char literal prefixes: L"", u8"", u'', U"".
                if (end < n && (source[end] == '"' || source[end] == '\'') && IsLiteralPrefix(source, i, end))
                {
                    i = end;
                    var kind = source[end] == '"' ? TokenKind.StringLiteral : TokenKind.CharLiteral;
                    i = SkipQuoted(source, i, source[i]);
                    tokens.Add(new Token(kind, start, i - start, startLine, inDirective));
                    continue;
                }

                tokens.Add(new Token(TokenKind.Identifier, start, end - start, startLine, inDirective));
                i = end;
                continue;
            }

            if (char.IsAsciiDigit(c) || (c == '.' && i + 1 < n && char.IsAsciiDigit(source[i + 1])))
            {
                var end = i + 1;
                while (end < n && (IsIdentPart(source[end]) || source[end] == '.' ||
                       ((source[end] == '+' || source[end] == '-') && source[end - 1] is 'e' or 'E' or 'p' or 'P')))
                {
                    end++;
                }

                tokens.Add(new Token(TokenKind.Number, start, end - start, startLine, inDirective));
                i = end;
                continue;
            }

            if (c is '"' or '\'')
            {
                i = SkipQuoted(source, i, c);
                tokens.Add(new Token(c == '"' ? TokenKind.StringLiteral : TokenKind.CharLiteral, start, i - start, startLine, inDirective));
                continue;
            }

            var length = MatchPunctuator(source, i);
            tokens.Add(new Token(TokenKind.Punctuator, start, length, startLine, inDirective));
            i += length;
        }
    }

    private static int SkipQuoted(string source, int i, char quote)
    {
        var n = source.Length;
        i++;
        while (i < n)
        {
            var c = source[i];
            if (c == '\\' && i + 1 < n)
            {
                i += 2;
                continue;
            }

            if (c == quote)
            {
                return i + 1;
            }

            if (c == '\n')
            {
                // Unterminated literal: stop at the end of the line.
                return i;
            }

            i++;
        }

        return i;
    }

    private static bool IsInclude(string source, int start, int end)
    {
        var text = source.AsSpan(start + 1, end - start - 1).Trim();
        return text.SequenceEqual("include") || text.SequenceEqual("include_next");
    }

    private static bool ReadHeaderName(string source, ref int i, out int start)
    {
        var j = i;
        while (j < source.Length && source[j] is ' ' or '\t')
        {
            j++;
        }

        start = j;
        if (j >= source.Length || source[j] != '<')
        {
            return false;
        }

        var close = source.IndexOf('>', j);
        var newline = source.IndexOf('\n', j);
        if (close < 0 || (newline >= 0 && newline < close))
        {
            return false;
        }

        i = close + 1;
        return true;
    }

    private static int MatchPunctuator(string source, int i)
    {
        // The same punctuators as Punctuators3 and Punctuators2, longest first, decided on the first characters.
        var n = source.Length;
        var c = source[i];
        var d = i + 1 < n ? source[i + 1] : '\0';
        var e = i + 2 < n ? source[i + 2] : '\0';
        switch (c)
        {
            case '<':
                return d == '<' ? (e == '=' ? 3 : 2) : d == '=' ? 2 : 1;
            case '>':
                return d == '>' ? (e == '=' ? 3 : 2) : d == '=' ? 2 : 1;
            case '.':
                return d == '.' && e == '.' ? 3 : 1;
            case '-':
                return d == '>' ? (e == '*' ? 3 : 2) : d is '-' or '=' ? 2 : 1;
            case '+':
                return d is '+' or '=' ? 2 : 1;
            case '=':
            case '!':
            case '*':
            case '/':
            case '%':
            case '^':
                return d == '=' ? 2 : 1;
            case '&':
                return d is '&' or '=' ? 2 : 1;
            case '|':
                return d is '|' or '=' ? 2 : 1;
            case '#':
                return d == '#' ? 2 : 1;
            default:
                return 1;
        }
    }

    private static bool IsLiteralPrefix(string source, int start, int end) =>
        (end - start) switch
        {
            1 => source[start] is 'L' or 'u' or 'U',
            2 => source[start] == 'u' && source[start + 1] == '8',
            _ => false,
        };

    private static int CountNewlines(string source, int start, int end)
    {
        var count = 0;
        for (var k = start; k < end; k++)
        {
            if (source[k] == '\n')
            {
                count++;
            }
        }

        return count;
    }

    public static bool IsIdentStart(char c) => char.IsAsciiLetter(c) || c == '_' || c == '$';

    public static bool IsIdentPart(char c) => char.IsAsciiLetterOrDigit(c) || c == '_' || c == '$';
}
