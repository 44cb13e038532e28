namespace KernelPrBot.Checks.Index;

/// <summary>
/// A function-like macro that defines names by token pasting: the pasted names followed by '(' in its body,
/// and the macros its body invokes with pasted or parameter arguments (resolved transitively).
/// </summary>
public sealed record MacroGenerator(string Name, IReadOnlyList<NameTemplate> Names, IReadOnlyList<MacroInvocation> Invocations)
{
    /// <summary>The file that defines it: the x-macro idiom redefines <c>x</c> file after file, and only the file's own one applies.</summary>
    public string? Source { get; init; }
}
