namespace KernelPrBot.Checks.Analysis.Context;

/// <summary>
/// A call in a function and every path state reaching it. Each argument's text is made on first use: most calls
/// are never looked at by a rule, and with nested calls <c>g(g(g(…)))</c> an argument is as long as everything
/// nested in it, so a rule reads only the arguments it needs (see <see cref="ArgumentTokens"/>).
/// </summary>
public sealed class CallSite
{
    private readonly IReadOnlyList<(int Start, int End)> _spans;
    private readonly Func<int, int, string> _text;
    private readonly string?[] _arguments;

    /// <param name="spans">Each argument's tokens, [Start, End) in the walker's token list.</param>
    /// <param name="argumentLines">The line each argument starts on.</param>
    /// <param name="text">The source text of a token range without white space.</param>
    public CallSite(string name, int line, IReadOnlyList<(int Start, int End)> spans, IReadOnlyList<int> argumentLines, Func<int, int, string> text, IReadOnlyList<ContextState> states)
    {
        ArgumentNullException.ThrowIfNull(spans);
        Name = name;
        Line = line;
        _spans = spans;
        ArgumentLines = argumentLines;
        _text = text;
        _arguments = new string?[spans.Count];
        States = states;
    }

    public string Name { get; }

    public int Line { get; }

    public int ArgumentCount => _spans.Count;

    /// <summary>The line each argument starts on (arguments of a long call are often on lines of their own).</summary>
    public IReadOnlyList<int> ArgumentLines { get; }

    /// <summary>Every argument's source text without white space.</summary>
    public IReadOnlyList<string> Arguments => Enumerable.Range(0, ArgumentCount).Select(Argument).ToList();

    public IReadOnlyList<ContextState> States { get; }

    /// <summary>One argument's source text without white space.</summary>
    public string Argument(int argument) => _arguments[argument] ??= _text(_spans[argument].Start, _spans[argument].End);

    /// <summary>How many tokens an argument has, known without making its text.</summary>
    public int ArgumentTokens(int argument) => _spans[argument].End - _spans[argument].Start;

    /// <summary>The identifiers and operators of one argument, for reading flags such as GFP_KERNEL | __GFP_NOWARN.</summary>
    public IReadOnlyList<string> Words(int argument) =>
        argument < ArgumentCount
            ? System.Text.RegularExpressions.Regex.Split(Argument(argument), @"([^A-Za-z0-9_])", System.Text.RegularExpressions.RegexOptions.None, TimeSpan.FromSeconds(1)).Where(w => w.Length > 0).ToList()
            : [];
}
