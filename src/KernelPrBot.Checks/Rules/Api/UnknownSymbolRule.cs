using KernelPrBot.Checks.Index;

namespace KernelPrBot.Checks.Rules.Api;

/// <summary>
/// A call on an added line to a function or macro that exists neither in the tree's symbol index nor in the
/// patch itself, with the nearest names of the index as "did you mean". Calls through locals, parameters,
/// function pointers and members are not checked (see <see cref="CallFinder"/>). Needs the symbol index.
/// </summary>
public sealed class UnknownSymbolRule : Rule
{
    public override RuleDescriptor Descriptor { get; } = new(
        RuleIds.UnknownSymbol,
        "Call to a function or macro that does not exist",
        RuleCategory.Api,
        Severity.Error,
        "The patch calls a function or macro that is defined nowhere in the base tree (no definition, prototype, " +
        "macro, inline helper or tracepoint) and nowhere in the patch itself. Such a patch does not build; plausible " +
        "but invented names (kmalloc_zeroed, spin_lock_irqsafe) are a typical sign of generated code. The message " +
        "names the closest existing names. Needs a symbol index (check --index FILE or --tree DIR).")
    {
        NeedsSymbolIndex = true,
    };

    public override void AnalyzeFile(FileContext context)
    {
        // Where the tree is not the file's base, its own definitions and neighbours are unseen (the note says so).
        if (context.Options.Symbols is not { } index || !context.IsKernelCSource || context.BaseNotInTree)
        {
            return;
        }

        // Upper-case names in a directory that includes a generated header may well come from it.
        var slash = context.File.Path.LastIndexOf('/');
        var generated = context.Options.Knowledge?.GeneratedInclude(slash < 0 ? string.Empty : context.File.Path[..slash]);
        var suggestions = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
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
                // A removed interface (strlcpy()) gets removed-api's message, which names the replacement.
                if (index.Contains(call.Name) || Deprecated.RemovedCall.IsRemoved(call.Name, index) ||
                    context.Definitions.Defines(call.Name) || local.Defines(call.Name) ||
                    (generated is not null && !call.Name.Any(char.IsAsciiLetterLower)))
                {
                    continue;
                }

                if (!suggestions.TryGetValue(call.Name, out var near))
                {
                    near = index.Suggest(call.Name);
                    suggestions[call.Name] = near;
                }

                var meant = near.Count == 0 ? string.Empty : "; did you mean " + string.Join(", ", near.Select(n => n + "()")) + "?";
                context.Report(
                    view.NewLine(call.ViewLine),
                    $"{call.Name}() is not defined in the tree or in this patch{meant}",
                    "unknown-symbol:" + call.Name,
                    near.Count == 0 ? "define it in the patch, or call an existing function" : $"use {near[0]}() if that is what is meant");
            }
        }
    }
}
