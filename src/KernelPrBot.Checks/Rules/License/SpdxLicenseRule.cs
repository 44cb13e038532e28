using KernelPrBot.Checks.Kernel;
using KernelPrBot.Checks.Patches;

namespace KernelPrBot.Checks.Rules.License;

/// <summary>
/// New files start with an SPDX-License-Identifier in the comment style of their type, on line 1 (line 2 after
/// <c>#!</c>), naming a licence from LICENSES/ that allows GPL-2.0-only use
/// (Documentation/process/license-rules.rst; checkpatch SPDX_LICENSE_TAG).
/// </summary>
public sealed class SpdxLicenseRule : Rule
{
    private const string Tag = "SPDX-License-Identifier:";

    public override RuleDescriptor Descriptor { get; } = new(
        RuleIds.SpdxLicense,
        "Missing, misplaced or unacceptable SPDX licence identifier",
        RuleCategory.License,
        Severity.Warning,
        "Every new file starts with 'SPDX-License-Identifier: <expression>' in the comment style of its type: '// ' for .c, " +
        "'/* */' for .h and assembly, '# ' for scripts, Makefiles and Kconfig, '.. ' for .rst — on line 1, or line 2 after '#!'. " +
        "The licence must be one of LICENSES/ and allow use under GPL-2.0-only (Documentation/process/license-rules.rst).");

    public override void AnalyzeFile(FileContext context)
    {
        var file = context.File;
        if (file.Kind != FileChangeKind.Added || file.Hunks.Count == 0)
        {
            return;
        }

        var added = new Dictionary<int, string>();
        foreach (var l in file.AddedLines.Where(l => l.NewLine <= 30))
        {
            added.TryAdd(l.NewLine, l.Text); // Overlapping hunks of a broken patch may repeat a line number.
        }

        if (!added.TryGetValue(1, out var first))
        {
            return;
        }

        var shebang = first.TrimStart().StartsWith("#!", StringComparison.Ordinal);
        if (!shebang && added.TryGetValue(2, out var second) && second.StartsWith("#!", StringComparison.Ordinal))
        {
            // The kernel only honours #! on line 1; the SPDX line goes after it.
            context.Report(1, "the '#!' line must be the first line of a script; put the SPDX-License-Identifier on line 2", "shebang-second", endLine: 2);
            return;
        }

        var checkLine = shebang ? 2 : 1;
        var style = CommentStyle(file.Path, shebang);
        if (style is null)
        {
            return;
        }

        var line = added.GetValueOrDefault(checkLine, string.Empty);
        var tagLine = added.OrderBy(kv => kv.Key).FirstOrDefault(kv => kv.Value.Contains(Tag, StringComparison.Ordinal));
        if (!line.Contains(Tag, StringComparison.Ordinal))
        {
            if (tagLine.Value is not null)
            {
                context.Report(checkLine, $"SPDX-License-Identifier is on line {tagLine.Key}; move it to line {checkLine}{(shebang ? " (after #!)" : string.Empty)}",
                    "misplaced", $"line {checkLine}: {Example(style)}", endLine: tagLine.Key);
            }
            else
            {
                context.Report(checkLine, $"new file {file.Path} has no SPDX-License-Identifier on line {checkLine}; start it with '{Example(style)}'",
                    "missing", "Documentation/process/license-rules.rst");
            }

            return;
        }

        var trimmed = line.TrimEnd();
        var expected = style + " " + Tag + " ";
        if (!trimmed.StartsWith(expected, StringComparison.Ordinal) || (style == "/*" && !trimmed.EndsWith("*/", StringComparison.Ordinal)))
        {
            var found = trimmed[..trimmed.IndexOf(Tag, StringComparison.Ordinal)].Trim();
            var message = found == style || (style == "/*" && found == "/*")
                ? $"malformed SPDX line '{trimmed}'; write '{Example(style)}'"
                : $"SPDX line of {Path.GetFileName(file.Path)} uses '{(found.Length == 0 ? "no comment" : found)}' style; this file type uses '{style}': '{Example(style)}'";
            context.Report(checkLine, message, "style");
        }

        var expression = trimmed[(trimmed.IndexOf(Tag, StringComparison.Ordinal) + Tag.Length)..].Trim();
        if (style == "/*" && expression.EndsWith("*/", StringComparison.Ordinal))
        {
            expression = expression[..^2].Trim();
        }

        var verdict = SpdxExpression.Check(expression, context.Options.Licenses);
        foreach (var error in verdict.Errors.Concat(verdict.Warnings))
        {
            context.Report(checkLine, error, "licence:" + expression);
        }

        CheckBindingLicence(context, file.Path, expression, checkLine);
    }

    private static void CheckBindingLicence(FileContext context, string path, string expression, int line)
    {
        var dual = expression.Trim('(', ')', ' ');
        if (path.StartsWith("Documentation/devicetree/bindings/", StringComparison.Ordinal) &&
            !System.Text.RegularExpressions.Regex.IsMatch(dual, @"^GPL-2\.0(?:-only)? OR BSD-2-Clause$", System.Text.RegularExpressions.RegexOptions.None, TimeSpan.FromSeconds(1)))
        {
            context.Report(line, "devicetree binding documents are licensed '(GPL-2.0-only OR BSD-2-Clause)'", "dt-binding");
        }
        else if (path.StartsWith("include/dt-bindings/", StringComparison.Ordinal) &&
                 !System.Text.RegularExpressions.Regex.IsMatch(dual, @"^GPL-2\.0(?:-only)? OR \S+$", System.Text.RegularExpressions.RegexOptions.None, TimeSpan.FromSeconds(1)))
        {
            context.Report(line, "devicetree binding headers are dual-licensed '(GPL-2.0-only OR <licence>)', e.g. '(GPL-2.0-only OR BSD-2-Clause)'", "dt-header");
        }
    }

    /// <summary>The comment that opens the SPDX line for this kind of file, or null for kinds the kernel does not tag.</summary>
    internal static string? CommentStyle(string path, bool shebang)
    {
        var name = Path.GetFileName(path);
        var ext = Path.GetExtension(path);
        return ext switch
        {
            ".h" or ".s" or ".S" or ".lds" => "/*",
            ".c" or ".rs" or ".dts" or ".dtsi" or ".dtso" => "//",
            ".sh" or ".pl" or ".py" or ".awk" or ".tc" or ".yaml" or ".bash" or ".mk" => "#",
            ".rst" => "..",
            _ when shebang => "#",
            _ when name is "Makefile" or "Kbuild" || name.StartsWith("Kconfig", StringComparison.Ordinal) || name.StartsWith("Makefile.", StringComparison.Ordinal) => "#",
            _ => null,
        };
    }

    private static string Example(string style) => style switch
    {
        "/*" => "/* SPDX-License-Identifier: GPL-2.0-only */",
        "//" => "// SPDX-License-Identifier: GPL-2.0-only",
        ".." => ".. SPDX-License-Identifier: GPL-2.0-only",
        _ => "# SPDX-License-Identifier: GPL-2.0-only",
    };
}
