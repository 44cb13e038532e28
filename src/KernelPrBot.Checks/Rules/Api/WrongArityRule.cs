using KernelPrBot.Checks.Index;

namespace KernelPrBot.Checks.Rules.Api;

/// <summary>
/// A call on an added line whose argument count matches no definition, prototype or macro of that name in
/// the tree or the patch. Every config-dependent variant counts; a variadic one takes at least its fixed
/// parameters; object-like macros (aliases) are not checked. Needs the symbol index.
/// </summary>
public sealed class WrongArityRule : Rule
{
    public override RuleDescriptor Descriptor { get; } = new(
        RuleIds.WrongArity,
        "Call with an argument count that matches no definition",
        RuleCategory.Api,
        Severity.Error,
        "The patch calls a function or macro with a number of arguments that matches none of its definitions, " +
        "prototypes or macro definitions in the base tree or in the patch (all config-dependent stubs count; a " +
        "variadic one takes at least its fixed parameters). Such a call does not build, or calls another version " +
        "of the interface than the tree has. Needs a symbol index (check --index FILE or --tree DIR).")
    {
        NeedsSymbolIndex = true,
    };

    private const SymbolKinds RealFunction = SymbolKinds.Function | SymbolKinds.Prototype | SymbolKinds.StaticInline | SymbolKinds.FunctionPointer;

    public override void AnalyzeFile(FileContext context)
    {
        // Where the tree is not the file's base, its own definitions and neighbours are unseen (the note says so).
        if (context.Options.Symbols is not { } index || !context.IsKernelCSource || context.BaseNotInTree)
        {
            return;
        }

        foreach (var view in context.Code)
        {
            var calls = CallFinder.AddedCalls(view);
            if (calls.Count == 0)
            {
                continue;
            }

            var local = PatchDefinitions.ForView(view);
            foreach (var call in calls)
            {
                if (call.Arguments is not { } arguments || call.MacroArguments is not { } macroArguments)
                {
                    continue;
                }

                var info = index.Find(call.Name);
                var kinds = (info?.Kinds ?? SymbolKinds.None) | context.Definitions.KindsOf(call.Name) | local.KindsOf(call.Name);
                var arities = (info?.Arities ?? []).Concat(context.Definitions.AritiesOf(call.Name)).Concat(local.AritiesOf(call.Name)).Distinct().ToList();
                if (arities.Count == 0 || (kinds & SymbolKinds.ObjectMacro) != 0 || (kinds & SymbolKinds.Callable) == 0)
                {
                    continue;
                }

                var macro = (kinds & SymbolKinds.FunctionMacro) != 0;
                var function = (kinds & RealFunction) != 0;
                var fits = arities.Any(a =>
                    (function && a.Accepts(arguments)) ||
                    (macro && (a.Accepts(macroArguments) || (macroArguments == 0 && a.Count == 1 && !a.Variadic))));
                // A register macro can expand to several arguments: lan_wr(val, priv, ANA_CTRL(port)).
                if (fits || (call.HasMacroArgument && arities.All(a => a.Count > arguments)))
                {
                    continue;
                }

                var shown = macro && !function ? macroArguments : arguments;
                context.Report(
                    view.NewLine(call.ViewLine),
                    $"{call.Name}() is called with {shown} argument{(shown == 1 ? string.Empty : "s")}, but its definitions take {Describe(arities)}",
                    $"wrong-arity:{call.Name}:{shown}",
                    "check the prototype in the base tree; the interface may have changed");
            }
        }
    }

    private static string Describe(List<Arity> arities)
    {
        var parts = arities.OrderBy(a => a.Count).Select(a => a.Variadic ? $"at least {a.Count}" : a.Count.ToString(System.Globalization.CultureInfo.InvariantCulture)).Distinct().ToList();
        return parts.Count == 1 ? parts[0] : string.Join(", ", parts.Take(parts.Count - 1)) + " or " + parts[^1];
    }
}
