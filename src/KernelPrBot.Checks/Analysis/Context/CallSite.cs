namespace KernelPrBot.Checks.Analysis.Context;

/// <summary>
/// A call in a function and every path state reaching it. The argument texts are made on first use: most calls
/// are never looked at by a rule.
/// </summary>
public sealed class CallSite(string name, int line, IReadOnlyList<int> argumentLines, Func<IReadOnlyList<string>> arguments, IReadOnlyList<ContextState> states)
{
    private IReadOnlyList<string>? _arguments;

    public string Name { get; } = name;

    public int Line { get; } = line;

    public int ArgumentCount => ArgumentLines.Count;

    /// <summary>The line each argument starts on (arguments of a long call are often on lines of their own).</summary>
    public IReadOnlyList<int> ArgumentLines { get; } = argumentLines;

    /// <summary>Each argument's source text without white space.</summary>
    public IReadOnlyList<string> Arguments => _arguments ??= arguments();

    public IReadOnlyList<ContextState> States { get; } = states;

    /// <summary>The identifiers and operators of one argument, for reading flags such as GFP_KERNEL | __GFP_NOWARN.</summary>
    public IReadOnlyList<string> Words(int argument) =>
        argument < Arguments.Count
            ? System.Text.RegularExpressions.Regex.Split(Arguments[argument], @"([^A-Za-z0-9_])", System.Text.RegularExpressions.RegexOptions.None, TimeSpan.FromSeconds(1)).Where(w => w.Length > 0).ToList()
            : [];
}
