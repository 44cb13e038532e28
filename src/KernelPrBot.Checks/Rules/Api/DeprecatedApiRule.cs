using KernelPrBot.Checks.Rules.Api.Deprecated;
using KernelPrBot.Checks.Source;

namespace KernelPrBot.Checks.Rules.Api;

/// <summary>
/// The interfaces of Documentation/process/deprecated.rst that can be seen in a diff, each with its replacement:
/// BUG()/BUG_ON(), open-coded multiplication in allocator sizes, simple_strto*(), strcpy/strncpy/strlcpy, bare %p,
/// variable-length arrays, fall-through comments, zero-length and one-element trailing arrays, and the
/// retired RCU flavours and kmap forms of checkpatch's deprecated list. Only added lines are reported. Each check is a
/// file of its own in Deprecated/; this rule walks the added tokens once and hands each to them.
/// </summary>
public sealed class DeprecatedApiRule : Rule
{
    public override RuleDescriptor Descriptor { get; } = new(
        RuleIds.DeprecatedApi,
        "Deprecated kernel interface",
        RuleCategory.Api,
        Severity.Warning,
        "Documentation/process/deprecated.rst lists interfaces that new code must not use, with their replacements: " +
        "WARN_ON_ONCE() and recovery instead of BUG(), kmalloc_array()/kcalloc()/struct_size() instead of multiplying in the size, " +
        "kstrto*() instead of simple_strto*(), strscpy() instead of strcpy()/strncpy()/strlcpy(), no bare %p, no VLAs, " +
        "'fallthrough;' instead of comments, flexible array members instead of [0]/[1].");

    public override void AnalyzeFile(FileContext context)
    {
        if (!context.IsCSource)
        {
            return;
        }

        foreach (var view in context.Code)
        {
            var code = view.CodeTokens;
            for (var i = 0; i < code.Count; i++)
            {
                var token = code[i];
                if (!view.IsAdded(token.Line))
                {
                    continue;
                }

                switch (token.Kind)
                {
                    case TokenKind.Identifier:
                        CheckCall(context, view, code, i);
                        ArrayDeclarationCheck.Check(context, view, code, i);
                        break;
                    case TokenKind.StringLiteral:
                        PointerFormatCheck.Check(context, view, token);
                        break;
                }
            }

            foreach (var comment in view.Tokens.Where(t => t.Kind == TokenKind.Comment && view.IsAdded(t.Line)))
            {
                FallThroughCommentCheck.Check(context, view, comment);
            }
        }
    }

    /// <summary>A call on an added line: one finding at most, the first check that applies.</summary>
    private static void CheckCall(FileContext context, CodeView view, IReadOnlyList<Token> code, int i)
    {
        var text = view.Text;
        if (i + 1 >= code.Count || !code[i + 1].Is(text, "("))
        {
            return;
        }

        if (i > 0 && (code[i - 1].Is(text, ".") || code[i - 1].Is(text, "->") || code[i - 1].Kind == TokenKind.Directive))
        {
            return; // A member call, or the #define of the name itself.
        }

        var name = code[i].Text(text);
        if (BugCallCheck.Check(context, view, code, i, name) || DeprecatedCallCheck.Check(context, view, code, i, name))
        {
            return;
        }

        AllocationMultiplyCheck.Check(context, view, code, i, name);
    }
}
