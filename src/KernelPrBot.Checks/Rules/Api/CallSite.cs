namespace KernelPrBot.Checks.Rules.Api;

/// <summary>
/// A call <c>name(...)</c> on an added line. <see cref="Arguments"/> counts commas outside (), [] and {};
/// <see cref="MacroArguments"/> counts them outside () only, as the preprocessor does. Null when the call
/// does not close within the code seen, or has a directive inside. <see cref="HasMacroArgument"/>: some argument is
/// only an upper-case macro (<c>REG</c>, <c>REG(x)</c>), which may expand to several arguments.
/// </summary>
internal sealed record CallSite(string Name, int ViewLine, int? Arguments, int? MacroArguments, bool HasMacroArgument = false);
