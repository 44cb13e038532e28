using KernelPrBot.Checks.Kernel;
using KernelPrBot.Checks.Source;

namespace KernelPrBot.Checks.Rules.Api.Deprecated;

/// <summary>An allocator's size multiplied in the argument (<c>kmalloc(n * size, …)</c>): no overflow check.</summary>
internal static class AllocationMultiplyCheck
{
    public static void Check(FileContext context, CodeView view, IReadOnlyList<Token> code, int i, string name)
    {
        if (!DeprecatedApis.Allocators.TryGetValue(name, out var allocator))
        {
            return;
        }

        var args = DeprecatedCode.SplitArguments(view, i + 1);
        if (allocator.SizeArgument < args.Count && HasOpenCodedMultiply(view, code, args[allocator.SizeArgument]))
        {
            var (start, count) = args[allocator.SizeArgument];
            var sizeText = DeprecatedCode.SourceText(view.Text, code[start], code[start + count - 1]);
            DeprecatedCode.Report(context, view, code[i].Line,
                $"{name}() size '{DeprecatedCode.Shorten(sizeText)}' multiplies without overflow check; use {allocator.ArrayForm}, or array_size()/struct_size()/flex_array_size()",
                "alloc-mul:" + name + ":" + sizeText);
        }
    }

    private static bool HasOpenCodedMultiply(CodeView view, IReadOnlyList<Token> code, (int Start, int Count) argument)
    {
        var text = view.Text;
        var depth = 0;
        var hasMultiply = false;
        var allConstant = true;
        for (var k = argument.Start; k < argument.Start + argument.Count; k++)
        {
            var t = code[k];
            if (t.Is(text, "(") || t.Is(text, "["))
            {
                depth++;
            }
            else if (t.Is(text, ")") || t.Is(text, "]"))
            {
                depth--;
            }
            else if (depth == 0 && t.Is(text, "*") && k > argument.Start && IsOperandEnd(text, code[k - 1]))
            {
                hasMultiply = true;
            }

            if (t.Kind == TokenKind.Identifier && (t.Text(text) == "sizeof" || t.Text(text).Any(char.IsAsciiLetterLower)))
            {
                allConstant = false;
            }
        }

        return hasMultiply && !allConstant;
    }

    private static bool IsOperandEnd(string text, Token previous) =>
        previous.Kind is TokenKind.Identifier or TokenKind.Number || previous.Is(text, ")") || previous.Is(text, "]");
}
