namespace KernelPrBot.Checks.Rules.Api;

/// <summary>
/// A call <c>name(...)</c> as the api rules see it (not the path walker's <c>CallSite</c>, which carries the path states reaching a call). <see cref="Arguments"/> counts commas outside (), [] and {};
/// <see cref="MacroArguments"/> counts them outside () only, as the preprocessor does. Null when the call
/// does not close within the code seen, or has a directive inside. <see cref="HasMacroArgument"/>: some argument is
/// only an upper-case macro (<c>REG</c>, <c>REG(x)</c>), which may expand to several arguments. <see cref="Token"/> is
/// the index of the name in the view's code tokens, for rules that read the arguments or what the call is assigned to.
/// </summary>
internal sealed record ApiCall(string Name, int ViewLine, int Token, int? Arguments, int? MacroArguments, bool HasMacroArgument = false);
