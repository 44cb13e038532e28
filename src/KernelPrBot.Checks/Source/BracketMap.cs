namespace KernelPrBot.Checks.Source;

/// <summary>
/// The partner of every bracket of a token list, found in one pass, so that matching a bracket or splitting an
/// argument list costs what it skips over once per file rather than once per enclosing call: with nested calls
/// <c>g(g(g(…)))</c> per-call scans were quadratic. It is the one bracket matcher of the C source model: the function
/// finder, the statement parser, the path walker and the rules all ask a map (a <see cref="CodeView"/> keeps one).
/// </summary>
public sealed class BracketMap
{
    private readonly string _source;
    private readonly IReadOnlyList<Token> _code;

    // For each opener: its closer of the same kind (what Close counts), and the closer of any kind that brings the
    // mixed depth back (what SplitArguments counts); -1 when there is none.
    private readonly int[] _sameKind;
    private readonly int[] _anyKind;

    public BracketMap(string source, IReadOnlyList<Token> code)
    {
        ArgumentNullException.ThrowIfNull(code);
        _source = source;
        _code = code;
        _sameKind = new int[code.Count];
        _anyKind = new int[code.Count];
        Array.Fill(_sameKind, -1);
        Array.Fill(_anyKind, -1);
        var open = new[] { new Stack<int>(), new Stack<int>(), new Stack<int>() };
        var any = new Stack<int>();
        for (var k = 0; k < code.Count; k++)
        {
            var kind = Kind(k, out var opens);
            if (kind < 0)
            {
                continue;
            }

            if (opens)
            {
                open[kind].Push(k);
                any.Push(k);
                continue;
            }

            if (open[kind].TryPop(out var o))
            {
                _sameKind[o] = k;
            }

            if (any.TryPop(out var a))
            {
                _anyKind[a] = k;
            }
        }
    }

    /// <summary>The bracket closing the '(', '[' or '{' at <paramref name="open"/>, below <paramref name="limit"/>; -1 when unbalanced there.</summary>
    public int Close(int open, int limit)
    {
        if (open < 0 || open >= _code.Count)
        {
            return -1;
        }

        // Close treats any token that is not '(' or '[' as '{'.
        if (Kind(open, out var opens) < 0 || !opens)
        {
            return ScanForBrace(open, limit);
        }

        var close = _sameKind[open];
        return close >= 0 && close < Math.Min(limit, _code.Count) ? close : -1;
    }

    /// <summary>The top-level comma-separated ranges [Start, End) between <paramref name="start"/> and <paramref name="end"/>; none when empty.</summary>
    public List<(int Start, int End)> SplitArguments(int start, int end)
    {
        var result = new List<(int, int)>();
        if (end <= start)
        {
            return result;
        }

        var depth = 0;
        var argStart = start;
        for (var k = start; k < end; k++)
        {
            var kind = Kind(k, out var opens);
            if (kind >= 0 && opens)
            {
                // At depth 0 everything up to the partner is deeper, so no comma there counts; without a partner
                // inside the range, nothing after this does.
                if (depth == 0)
                {
                    var partner = _anyKind[k];
                    if (partner < 0 || partner >= end)
                    {
                        break;
                    }

                    k = partner;
                    continue;
                }

                depth++;
            }
            else if (kind >= 0)
            {
                depth--;
            }
            else if (depth == 0 && _code[k].Is(_source, ","))
            {
                result.Add((argStart, k));
                argStart = k + 1;
            }
        }

        result.Add((argStart, end));
        return result;
    }

    /// <summary>From a token that is no opener, the first '}' that brings the '{' depth counted from it back to zero.</summary>
    private int ScanForBrace(int open, int limit)
    {
        var depth = 0;
        for (var k = open; k < Math.Min(limit, _code.Count); k++)
        {
            if (_code[k].Is(_source, "{"))
            {
                depth++;
            }
            else if (_code[k].Is(_source, "}") && --depth == 0)
            {
                return k;
            }
        }

        return -1;
    }

    /// <summary>0 for (), 1 for [], 2 for {}; -1 for any other token.</summary>
    private int Kind(int k, out bool opens)
    {
        opens = false;
        var t = _code[k];
        if (t.Kind != TokenKind.Punctuator || t.Length != 1)
        {
            return -1;
        }

        var c = _source[t.Start];
        opens = c is '(' or '[' or '{';
        return c switch
        {
            '(' or ')' => 0,
            '[' or ']' => 1,
            '{' or '}' => 2,
            _ => -1,
        };
    }
}
