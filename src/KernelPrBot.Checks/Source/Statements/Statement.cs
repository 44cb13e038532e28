namespace KernelPrBot.Checks.Source.Statements;

/// <summary>A statement of a function body. Token ranges [Start, End) index the filtered token list of the file.</summary>
public abstract record Statement(int Line);

public sealed record BlockStatement(IReadOnlyList<Statement> Body, int Line, int EndLine) : Statement(Line);

/// <summary>An expression statement or a declaration.</summary>
public sealed record ExpressionStatement(int Start, int End, int Line) : Statement(Line);

public sealed record IfStatement(int CondStart, int CondEnd, Statement Then, Statement? Else, int Line) : Statement(Line);

/// <summary>for, while, do-while, and loop macros such as <c>list_for_each_entry(pos, head, member) { }</c>.</summary>
public sealed record LoopStatement(string Keyword, int HeadStart, int HeadEnd, Statement Body, int Line) : Statement(Line);

public sealed record SwitchStatement(int CondStart, int CondEnd, Statement Body, int Line) : Statement(Line);

public sealed record CaseLabelStatement(bool IsDefault, int Line) : Statement(Line);

public sealed record LabelStatement(string Name, int Line) : Statement(Line);

public sealed record GotoStatement(string Label, int Line) : Statement(Line);

public sealed record ReturnStatement(int Start, int End, int Line) : Statement(Line);

public sealed record BreakStatement(int Line) : Statement(Line);

public sealed record ContinueStatement(int Line) : Statement(Line);

/// <summary><c>scoped_guard(type, args) { }</c> and <c>scoped_cond_guard(type, fail, args) { }</c>.</summary>
public sealed record ScopedGuardStatement(string Keyword, int ArgsStart, int ArgsEnd, Statement Body, int Line) : Statement(Line);
