namespace KernelPrBot.Checks.Source;

/// <summary>
/// Removes preprocessor lines and the branches a single-configuration reading would not see, so that the
/// statement parser gets balanced code: <c>#if 0</c> blocks are dropped, and of <c>#if/#elif/#else</c>
/// chains the first branch is kept (the else branch of <c>#if 0</c>). Comments are dropped too.
/// </summary>
public static class PreprocessorFilter
{
    public static List<Token> CodeTokens(string source, IReadOnlyList<Token> tokens)
    {
        var result = new List<Token>(tokens.Count);
        var stack = new Stack<(bool Active, bool Taken)>();
        var active = true;
        for (var i = 0; i < tokens.Count; i++)
        {
            var t = tokens[i];
            if (t.Kind == TokenKind.Comment)
            {
                continue;
            }

            if (t.Kind == TokenKind.Directive)
            {
                var name = t.Text(source).TrimStart('#').Trim();
                var firstArg = i + 1 < tokens.Count && tokens[i + 1].InDirective && tokens[i + 1].Line == t.Line ? tokens[i + 1].Text(source) : string.Empty;
                switch (name)
                {
                    case "if" or "ifdef" or "ifndef":
                        var isZero = name == "if" && firstArg == "0" && !(i + 2 < tokens.Count && tokens[i + 2].InDirective && tokens[i + 2].Line == t.Line);
                        stack.Push((active, !isZero));
                        active = active && !isZero;
                        break;
                    case "elif" or "else":
                        if (stack.Count > 0)
                        {
                            var (outer, taken) = stack.Pop();
                            active = outer && !taken;
                            stack.Push((outer, true));
                        }

                        break;
                    case "endif":
                        if (stack.Count > 0)
                        {
                            active = stack.Pop().Active;
                        }

                        break;
                }

                continue;
            }

            if (t.InDirective || !active)
            {
                continue;
            }

            result.Add(t);
        }

        return result;
    }
}
