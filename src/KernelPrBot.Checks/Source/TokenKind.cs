namespace KernelPrBot.Checks.Source;

public enum TokenKind
{
    Identifier,
    Number,
    StringLiteral,
    CharLiteral,
    Punctuator,
    Comment,

    /// <summary>The <c>#</c> and name of a preprocessor directive (<c>#define</c>); the rest of the line is lexed as tokens with <see cref="Token.InDirective"/> set.</summary>
    Directive,
}
