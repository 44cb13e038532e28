using KernelPrBot.Checks.Source;

namespace KernelPrBot.Checks.Rules.Api.Deprecated;

/// <summary>Declarations deprecated.rst retires: variable-length arrays, and zero-length or one-element trailing arrays.</summary>
internal static class ArrayDeclarationCheck
{
    private static readonly HashSet<string> TypeWords = new(StringComparer.Ordinal)
    {
        "char", "short", "int", "long", "unsigned", "signed", "float", "double", "_Bool", "bool",
        "u8", "u16", "u32", "u64", "s8", "s16", "s32", "s64", "__u8", "__u16", "__u32", "__u64", "__s8", "__s16", "__s32", "__s64",
        "__le16", "__le32", "__le64", "__be16", "__be32", "__be64", "size_t", "ssize_t", "loff_t", "dma_addr_t", "phys_addr_t",
    };

    private static readonly HashSet<string> Qualifiers = new(StringComparer.Ordinal) { "const", "volatile", "register", "__maybe_unused" };

    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> TypeWordsByText = TypeWords.GetAlternateLookup<ReadOnlySpan<char>>();

    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> QualifiersByText = Qualifiers.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>Variable-length arrays and zero-length/one-element trailing arrays, at the start of a declaration.</summary>
    public static void Check(FileContext context, CodeView view, IReadOnlyList<Token> code, int i)
    {
        var text = view.Text;
        if (i > 0 && !(code[i - 1].Is(text, ";") || code[i - 1].Is(text, "{") || code[i - 1].Is(text, "}")))
        {
            return;
        }

        var j = i;
        while (j < code.Count && QualifiersByText.Contains(code[j].Span(text)))
        {
            j++;
        }

        if (j >= code.Count || code[j].Kind != TokenKind.Identifier)
        {
            return;
        }

        var first = code[j].Span(text);
        if (first is "struct" or "union" or "enum")
        {
            j += 2;
        }
        else if (TypeWordsByText.Contains(first) || (first.EndsWith("_t", StringComparison.Ordinal) && first.Length > 2))
        {
            j++;
            while (j < code.Count && TypeWordsByText.Contains(code[j].Span(text)))
            {
                j++;
            }
        }
        else
        {
            return;
        }

        while (j < code.Count && code[j].Is(text, "*"))
        {
            j++;
        }

        if (j + 2 >= code.Count || code[j].Kind != TokenKind.Identifier || !code[j + 1].Is(text, "["))
        {
            return;
        }

        var close = DeprecatedCode.FindClose(view, j + 1);
        if (close < 0 || close + 1 >= code.Count)
        {
            return;
        }

        var name = code[j].Text(text);
        var after = code[close + 1];
        var sizeTokens = code.Skip(j + 2).Take(close - j - 2).ToList();
        var line = code[j].Line;
        if (sizeTokens.Count == 1 && sizeTokens[0].Kind == TokenKind.Number && sizeTokens[0].Text(text) is "0" or "1" &&
            after.Is(text, ";") && close + 2 < code.Count && code[close + 2].Is(text, "}") && EndsStruct(view, code, close + 2))
        {
            var size = sizeTokens[0].Text(text);
            DeprecatedCode.Report(context, view, line, $"'{name}[{size}]' is a {(size == "0" ? "zero-length" : "one-element")} trailing array; use a flexible array member '{name}[]' with struct_size()/flex_array_size()",
                "trailing-array:" + name);
            return;
        }

        if (sizeTokens.Count > 0 && (after.Is(text, ";") || after.Is(text, "=") || after.Is(text, ",")) && IsVariableSize(text, sizeTokens))
        {
            var size = string.Join(string.Empty, sizeTokens.Select(t => t.Text(text)));
            DeprecatedCode.Report(context, view, line, $"'{name}[{DeprecatedCode.Shorten(size)}]' is a variable-length array; use a fixed-size array or allocate it",
                "vla:" + name + ":" + size);
        }
    }

    private static bool EndsStruct(CodeView view, IReadOnlyList<Token> code, int brace)
    {
        // '};', '} __packed;', '} name;' close a struct or union; a function body's '}' is not followed by ';'.
        for (var k = brace + 1; k < code.Count && k <= brace + 8; k++)
        {
            if (code[k].Is(view.Text, ";"))
            {
                return true;
            }

            if (code[k].Is(view.Text, "{") || code[k].Is(view.Text, "}"))
            {
                return false;
            }
        }

        return false;
    }

    private static bool IsVariableSize(string text, List<Token> size)
    {
        for (var k = 0; k < size.Count; k++)
        {
            var t = size[k];
            if (t.Kind != TokenKind.Identifier)
            {
                continue;
            }

            var word = t.Text(text);
            if (word is "sizeof" or "ARRAY_SIZE" or "typeof" or "__alignof__" or "_Alignof")
            {
                return false; // Compile-time sizes; anything inside them is not a runtime value.
            }

            var isMember = k > 0 && (size[k - 1].Is(text, ".") || size[k - 1].Is(text, "->"));
            if (!isMember && word.Any(char.IsAsciiLetterLower))
            {
                return true;
            }

            if (isMember)
            {
                return true;
            }
        }

        return false;
    }
}
