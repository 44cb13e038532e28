using System.Text.RegularExpressions;
using KernelPrBot.Checks.Kernel;
using KernelPrBot.Checks.Source;

namespace KernelPrBot.Checks.Rules.Api;

/// <summary>
/// The interfaces of Documentation/process/deprecated.rst that can be seen in a diff, each with its replacement:
/// BUG()/BUG_ON(), open-coded multiplication in allocator sizes, simple_strto*(), strcpy/strncpy/strlcpy, bare %p,
/// variable-length arrays, fall-through comments, zero-length and one-element trailing arrays, and the
/// retired RCU flavours and kmap forms of checkpatch's deprecated list. Only added lines are reported.
/// </summary>
public sealed partial class DeprecatedApiRule : Rule
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

    // Compile-time assertions and subsystem macros named *_BUG that do not crash the kernel (checkpatch's list).
    private static readonly string[] NotCrashingPrefixes = ["AA_", "BUILD_", "DCCP_", "IDA_", "KVM_", "RWLOCK_", "snd_", "SPIN_"];

    // The atomic groups keep a long run of spaces from being split between [\s.!]* and \s* in every way
    // (quadratic) when the comment turns out not to match.
    [GeneratedRegex(@"^(?:/\*+|//)\s*(?:else,?\s*)?(?:intentional(?:ly)?\s*)?(?:fall(?:s|ing)?[\s-]?thr(?:ough|u|ew)|lint -fallthrough|@fallthrough@)(?>[\s.!]*)(?>-[^\n]*)?\s*(?:\*+/)?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, 1000)]
    internal static partial Regex FallThroughComment { get; }

    private static readonly HashSet<string> TypeWords = new(StringComparer.Ordinal)
    {
        "char", "short", "int", "long", "unsigned", "signed", "float", "double", "_Bool", "bool",
        "u8", "u16", "u32", "u64", "s8", "s16", "s32", "s64", "__u8", "__u16", "__u32", "__u64", "__s8", "__s16", "__s32", "__s64",
        "__le16", "__le32", "__le64", "__be16", "__be32", "__be64", "size_t", "ssize_t", "loff_t", "dma_addr_t", "phys_addr_t",
    };

    private static readonly HashSet<string> Qualifiers = new(StringComparer.Ordinal) { "const", "volatile", "register", "__maybe_unused" };

    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> TypeWordsByText = TypeWords.GetAlternateLookup<ReadOnlySpan<char>>();

    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> QualifiersByText = Qualifiers.GetAlternateLookup<ReadOnlySpan<char>>();

    public override void AnalyzeFile(FileContext context)
    {
        if (!context.IsCSource)
        {
            return;
        }

        foreach (var view in context.Code)
        {
            var code = view.CodeTokens;
            var text = view.Text;
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
                        CheckDeclaration(context, view, code, i);
                        break;
                    case TokenKind.StringLiteral:
                        var literal = token.Text(text);
                        if (HasBarePointerFormat(literal))
                        {
                            Report(context, view, token.Line, $"bare %p in {Shorten(literal)} prints a hashed, useless address; print what is needed (%pS for a symbol, %pe, %pa), or drop it",
                                "percent-p:" + literal);
                        }

                        break;
                }
            }

            foreach (var comment in view.Tokens.Where(t => t.Kind == TokenKind.Comment && view.IsAdded(t.Line)))
            {
                var body = comment.Text(text);
                if (FallThroughComment.IsMatch(body.Trim()))
                {
                    Report(context, view, comment.Line, $"'{Shorten(body.Trim())}' marks a fall-through with a comment; write 'fallthrough;' instead",
                        "fallthrough-comment");
                }
            }
        }
    }

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
        var line = code[i].Line;
        if (name.Contains("BUG", StringComparison.Ordinal) && IsBugFamily(name) && !NotCrashingPrefixes.Any(p => name.StartsWith(p, StringComparison.Ordinal)))
        {
            Report(context, view, line, $"{name}() crashes the kernel; use WARN_ON_ONCE() and recover (return an error), or pr_warn() for a reachable condition",
                "bug:" + name + ":" + ArgumentText(view, code, i + 1));
            return;
        }

        if (DeprecatedApis.Find(name) is { } api)
        {
            Report(context, view, line, $"{name}() is deprecated: {api.Reason}; use {api.Replacement}", "api:" + name + ":" + ArgumentText(view, code, i + 1));
            return;
        }

        if (DeprecatedApis.Allocators.TryGetValue(name, out var allocator))
        {
            var args = SplitArguments(view, code, i + 1);
            if (allocator.SizeArgument < args.Count && HasOpenCodedMultiply(view, code, args[allocator.SizeArgument]))
            {
                var (start, count) = args[allocator.SizeArgument];
                var sizeText = SourceText(text, code[start], code[start + count - 1]);
                Report(context, view, line,
                    $"{name}() size '{Shorten(sizeText)}' multiplies without overflow check; use {allocator.ArrayForm}, or array_size()/struct_size()/flex_array_size()",
                    "alloc-mul:" + name + ":" + sizeText);
            }
        }
    }

    /// <summary>Variable-length arrays and zero-length/one-element trailing arrays, at the start of a declaration.</summary>
    private static void CheckDeclaration(FileContext context, CodeView view, IReadOnlyList<Token> code, int i)
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

        var close = FindClose(view, code, j + 1);
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
            Report(context, view, line, $"'{name}[{size}]' is a {(size == "0" ? "zero-length" : "one-element")} trailing array; use a flexible array member '{name}[]' with struct_size()/flex_array_size()",
                "trailing-array:" + name);
            return;
        }

        if (sizeTokens.Count > 0 && (after.Is(text, ";") || after.Is(text, "=") || after.Is(text, ",")) && IsVariableSize(text, sizeTokens))
        {
            var size = string.Join(string.Empty, sizeTokens.Select(t => t.Text(text)));
            Report(context, view, line, $"'{name}[{Shorten(size)}]' is a variable-length array; use a fixed-size array or allocate it",
                "vla:" + name + ":" + size);
        }
    }

    /// <summary>A <c>%p</c> conversion with no extension letter after it (<c>%%p</c> is a literal percent sign).</summary>
    internal static bool HasBarePointerFormat(string literal)
    {
        for (var i = 0; i < literal.Length - 1; i++)
        {
            if (literal[i] != '%')
            {
                continue;
            }

            if (literal[i + 1] == '%')
            {
                i++;
                continue;
            }

            var j = i + 1;
            while (j < literal.Length && literal[j] is '-' or '+' or ' ' or '#' or '0' || (j < literal.Length && char.IsAsciiDigit(literal[j])))
            {
                j++;
            }

            if (j < literal.Length && literal[j] == 'p' && (j + 1 >= literal.Length || !char.IsAsciiLetterOrDigit(literal[j + 1])))
            {
                return true;
            }
        }

        return false;
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

    // A call or array size longer than this is unbalanced code from a hunk, not something to scan to the end.
    private const int MaxBracketTokens = 2000;

    /// <summary>The arguments of the call whose '(' is at <paramref name="open"/>, as (start, count) token ranges.</summary>
    private static List<(int Start, int Count)> SplitArguments(CodeView view, IReadOnlyList<Token> code, int open)
    {
        var close = FindClose(view, code, open);
        return close < 0 ? [] : TokenRanges.SplitArguments(view.Text, code, open + 1, close).Select(a => (a.Start, a.End - a.Start)).ToList();
    }

    private static int FindClose(CodeView view, IReadOnlyList<Token> code, int open) =>
        TokenRanges.Close(view.Text, code, open, open + MaxBracketTokens);

    /// <summary>The source between two tokens, with runs of white space folded to one space.</summary>
    private static string SourceText(string text, Token first, Token last) =>
        string.Join(' ', text.Substring(first.Start, last.Start + last.Length - first.Start).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    private static string ArgumentText(CodeView view, IReadOnlyList<Token> code, int open)
    {
        var close = FindClose(view, code, open);
        return close < 0 ? string.Empty : string.Concat(code.Skip(open).Take(close - open + 1).Select(t => t.Text(view.Text)));
    }

    private static void Report(FileContext context, CodeView view, int viewLine, string message, string evidence) =>
        context.Report(view.NewLine(viewLine), message, evidence);

    private static string Shorten(string text) => TextClip.Shorten(text, 50);

    /// <summary>
    /// <c>^(?:[a-zA-Z_]*_)?BUG(?:_ON)?(?:_[A-Z_]+)?$</c> in one pass. As a backtracking regex it was quadratic on
    /// names like <c>BUG_BUG_…_BUGx</c> (every BUG is tried, each rescanning the rest).
    /// </summary>
    internal static bool IsBugFamily(string name)
    {
        // BUG and what follows it are capitals and underscores, so BUG lies in the name's trailing run of them.
        var run = name.Length;
        while (run > 0 && (char.IsAsciiLetterUpper(name[run - 1]) || name[run - 1] == '_'))
        {
            run--;
        }

        for (var k = 0; k < run; k++)
        {
            if (!char.IsAsciiLetter(name[k]) && name[k] != '_')
            {
                return false;
            }
        }

        for (var p = run; p + 3 <= name.Length; p++)
        {
            var suffix = name.Length - (p + 3);
            if (string.CompareOrdinal(name, p, "BUG", 0, 3) == 0 && (p == 0 || name[p - 1] == '_') &&
                (suffix == 0 || (name[p + 3] == '_' && suffix >= 2)))
            {
                return true;
            }
        }

        return false;
    }
}
