using KernelPrBot.Checks.Source;

namespace KernelPrBot.Checks.Rules.Api;

/// <summary>
/// An added <c>#include</c> of a <c>.h</c> file that the tree does not have: <c>&lt;x&gt;</c> under the include
/// roots, <c>"x"</c> next to the including file or under the roots; a header found in some directory a
/// Makefile could add with -I, or one the series adds, counts as found. Needs the symbol index.
/// </summary>
public sealed class UnknownHeaderRule : Rule
{
    public override RuleDescriptor Descriptor { get; } = new(
        RuleIds.UnknownHeader,
        "Include of a header that does not exist",
        RuleCategory.Api,
        Severity.Error,
        "The patch includes a header that exists neither in the base tree (under include/, include/uapi/, " +
        "arch/*/include/ and their uapi/ directories, or next to the including file for \"...\" includes) nor among " +
        "the files the patch adds. Such a patch does not build. Generated headers (generated/, asm-offsets.h, " +
        "unistd_*.h) are not checked. Needs a symbol index (check --index FILE or --tree DIR).")
    {
        NeedsSymbolIndex = true,
    };

    private static readonly string[] Generated = ["generated/", "asm/asm-offsets.h", "asm/unistd_", "asm/syscalls_", "uapi/asm/unistd_", "asm/syscall_table_"];

    public override void AnalyzeFile(FileContext context)
    {
        // Where the tree is not the file's base, its own definitions and neighbours are unseen (the note says so).
        if (context.Options.Symbols is not { } index || !context.IsKernelCSource || context.BaseNotInTree)
        {
            return;
        }

        var directory = context.File.Path.Contains('/', StringComparison.Ordinal) ? context.File.Path[..context.File.Path.LastIndexOf('/')] : string.Empty;
        foreach (var view in context.Code)
        {
            var tokens = view.Tokens;
            for (var k = 0; k + 1 < tokens.Count; k++)
            {
                var t = tokens[k];
                if (t.Kind != TokenKind.Directive || !view.IsAdded(t.Line))
                {
                    continue;
                }

                var word = view.Text.AsSpan(t.Start + 1, t.Length - 1).Trim();
                var next = tokens[k + 1];
                if (!(word.SequenceEqual("include") || word.SequenceEqual("include_next")) || next.Kind != TokenKind.StringLiteral || next.Line != t.Line)
                {
                    continue;
                }

                var literal = next.Text(view.Text);
                if (literal.Length < 3)
                {
                    continue;
                }

                var angle = literal[0] == '<';
                var name = literal[1..^1].Trim();
                if (!name.EndsWith(".h", StringComparison.Ordinal) || Generated.Any(g => name.StartsWith(g, StringComparison.Ordinal)) || Exists(context, index, directory, name, angle))
                {
                    continue;
                }

                var near = index.SuggestHeader(name);
                var meant = near.Count == 0 ? string.Empty : "; did you mean " + string.Join(", ", near.Select(n => angle ? $"<{n}>" : $"\"{n}\"")) + "?";
                context.Report(view.NewLine(t.Line), $"{literal} does not exist in the tree or in this patch{meant}", "unknown-header:" + name);
            }
        }
    }

    private static bool Exists(FileContext context, Index.SymbolIndex index, string directory, string name, bool angle)
    {
        var added = context.Definitions.AddedFiles;
        if (index.IsIncludable(name) || index.HasHeaderEndingWith(name) || added.Any(f => f == name || f.EndsWith("/" + name, StringComparison.Ordinal)))
        {
            return true;
        }

        if (angle)
        {
            return false;
        }

        var relative = Normalize(directory.Length == 0 ? name : directory + "/" + name);
        return relative is not null && (index.HasHeader(relative) || added.Contains(relative));
    }

    /// <summary>Resolves '.' and '..' segments; null when the path leaves the tree.</summary>
    private static string? Normalize(string path)
    {
        var parts = new List<string>();
        foreach (var part in path.Split('/'))
        {
            if (part is "" or ".")
            {
                continue;
            }

            if (part == "..")
            {
                if (parts.Count == 0)
                {
                    return null;
                }

                parts.RemoveAt(parts.Count - 1);
                continue;
            }

            parts.Add(part);
        }

        return string.Join('/', parts);
    }
}
