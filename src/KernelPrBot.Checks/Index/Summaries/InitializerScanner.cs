using KernelPrBot.Checks.Source;

namespace KernelPrBot.Checks.Index.Summaries;

/// <summary>
/// Reads a top-level initializer (<c>static const struct net_device_ops foo_ops = { .ndo_start_xmit = foo_xmit, … };</c>):
/// each <c>.field = name</c> is a slot assignment of the variable's struct type, and every lone name in it is used
/// as a value (a function stored in a table can be called from anywhere).
/// </summary>
internal static class InitializerScanner
{
    public static void Scan(string text, List<Token> tokens, string structType, int open, int end, ISummarySink sink)
    {
        for (var k = open + 1; k < end && k < tokens.Count; k++)
        {
            var t = tokens[k];
            if (t.Kind != TokenKind.Identifier || t.InDirective)
            {
                continue;
            }

            var before = tokens[k - 1];
            var after = k + 1 < tokens.Count ? tokens[k + 1] : default;
            var lone = (before.Is(text, "=") || before.Is(text, ",") || before.Is(text, "{") || before.Is(text, "&")) &&
                       (after.Is(text, ",") || after.Is(text, "}"));
            if (!lone)
            {
                continue;
            }

            var name = t.Span(text);
            sink.AddValueReference(name);
            if (structType.Length > 0 && before.Is(text, "=") && k >= 3 && tokens[k - 3].Is(text, ".") && tokens[k - 2].Kind == TokenKind.Identifier)
            {
                sink.AddSlotAssignment(structType, tokens[k - 2].Span(text), name, t.Line);
            }
        }
    }
}
