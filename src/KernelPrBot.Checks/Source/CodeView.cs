using KernelPrBot.Checks.Patches;

namespace KernelPrBot.Checks.Source;

/// <summary>
/// A stretch of new-side code lexed as C, with a map from its lines to new-file line numbers and to
/// whether the patch added them. Built from the whole post-image when known, or from one hunk's new side.
/// </summary>
public sealed class CodeView
{
    private readonly int[] _newLine;
    private readonly bool[] _added;
    private List<Token>? _tokens;
    private List<Token>? _codeTokens;
    private BracketMap? _brackets;
    private List<CallExpression>? _calls;

    private CodeView(string text, int[] newLine, bool[] added)
    {
        Text = text;
        _newLine = newLine;
        _added = added;
    }

    public string Text { get; }

    /// <summary>Tokens with comments; a token's <see cref="Token.Line"/> is a line of this view (1-based).</summary>
    public IReadOnlyList<Token> Tokens => _tokens ??= CLexer.Lex(Text);

    /// <summary>The tokens without comments, made once and shared by the rules that read code only.</summary>
    public IReadOnlyList<Token> CodeTokens => _codeTokens ??= WithoutComments(Tokens);

    /// <summary>The partner of every bracket of <see cref="CodeTokens"/>, found once per view and shared by the rules.</summary>
    public BracketMap Brackets => _brackets ??= new BracketMap(Text, CodeTokens);

    /// <summary>Every call in <see cref="CodeTokens"/>, in token order, found once per view (<see cref="CallExpressions"/>).</summary>
    public IReadOnlyList<CallExpression> Calls => _calls ??= CallExpressions.Find(Text, CodeTokens, Brackets, 0, CodeTokens.Count);

    public int LineCount => _newLine.Length;

    public int NewLine(int viewLine) => _newLine[Math.Clamp(viewLine - 1, 0, _newLine.Length - 1)];

    public bool IsAdded(int viewLine) => viewLine >= 1 && viewLine <= _added.Length && _added[viewLine - 1];

    public static IReadOnlyList<CodeView> ForFile(FileChange file, FileImages? images)
    {
        if (images?.After is { } after)
        {
            var added = new bool[after.Length];
            foreach (var line in file.AddedLines)
            {
                if (line.NewLine >= 1 && line.NewLine <= after.Length)
                {
                    added[line.NewLine - 1] = true;
                }
            }

            return [new CodeView(string.Join('\n', after), Enumerable.Range(1, after.Length).ToArray(), added)];
        }

        return file.Hunks.Select(FromHunk).ToList();
    }

    /// <summary>A whole file with every line counted as added: the base version, analysed as a baseline.</summary>
    public static CodeView WholeFile(string[] lines) =>
        new(string.Join('\n', lines), Enumerable.Range(1, lines.Length).ToArray(), Enumerable.Repeat(true, lines.Length).ToArray());

    private static List<Token> WithoutComments(IReadOnlyList<Token> tokens)
    {
        var code = new List<Token>(tokens.Count);
        foreach (var token in tokens)
        {
            if (token.Kind != TokenKind.Comment)
            {
                code.Add(token);
            }
        }

        return code;
    }

    public static CodeView FromHunk(Hunk hunk)
    {
        var newSide = hunk.Lines.Where(l => l.Kind != DiffLineKind.Removed).ToList();
        return new CodeView(
            string.Join('\n', newSide.Select(l => l.Text)),
            newSide.Select(l => l.NewLine).ToArray(),
            newSide.Select(l => l.Kind == DiffLineKind.Added).ToArray());
    }
}
