namespace KernelPrBot.Checks.Source;

/// <summary>
/// A function definition: name, parameter names, the tokens of its body (between the braces, exclusive) in the
/// filtered token list it was found in, and the lock annotations on its declaration.
/// </summary>
public sealed record FunctionDefinition(
    string Name,
    IReadOnlyList<string> Parameters,
    string ReturnType,
    bool IsStatic,
    int Line,
    int EndLine,
    int BodyStart,
    int BodyEnd,
    IReadOnlyList<string> Annotations);
