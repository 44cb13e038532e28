namespace KernelPrBot.Checks.Kernel;

/// <summary>
/// Checks an SPDX licence expression (<c>GPL-2.0-only OR BSD-2-Clause</c>, <c>GPL-2.0 WITH Linux-syscall-note</c>)
/// against the kernel's LICENSES/ table and for GPL-2.0-only compatibility.
/// </summary>
public static class SpdxExpression
{
    public sealed record Verdict(IReadOnlyList<string> Errors, IReadOnlyList<string> Warnings);

    public static Verdict Check(string expression, SpdxLicenseTable table)
    {
        var tokens = Tokenise(expression);
        var errors = new List<string>();
        var warnings = new List<string>();
        if (tokens.Count == 0)
        {
            return new Verdict(["the licence expression is empty"], warnings);
        }

        var pos = 0;
        var compatible = ParseOr(tokens, ref pos, table, errors, warnings);
        if (pos < tokens.Count && errors.Count == 0)
        {
            errors.Add($"unexpected '{tokens[pos]}' in the licence expression");
        }

        if (errors.Count == 0 && !compatible)
        {
            errors.Add($"'{expression}' does not allow use under GPL-2.0-only; the kernel needs a GPL-2.0-compatible licence (a dual licence uses OR with GPL-2.0)");
        }

        return new Verdict(errors, warnings);
    }

    private static bool ParseOr(List<string> t, ref int pos, SpdxLicenseTable table, List<string> errors, List<string> warnings)
    {
        var result = ParseAnd(t, ref pos, table, errors, warnings);
        while (pos < t.Count && t[pos] == "OR")
        {
            pos++;
            result |= ParseAnd(t, ref pos, table, errors, warnings);
        }

        return result;
    }

    private static bool ParseAnd(List<string> t, ref int pos, SpdxLicenseTable table, List<string> errors, List<string> warnings)
    {
        var result = ParseFactor(t, ref pos, table, errors, warnings);
        while (pos < t.Count && t[pos] == "AND")
        {
            pos++;
            result &= ParseFactor(t, ref pos, table, errors, warnings);
        }

        return result;
    }

    private static bool ParseFactor(List<string> t, ref int pos, SpdxLicenseTable table, List<string> errors, List<string> warnings)
    {
        if (pos >= t.Count)
        {
            errors.Add("the licence expression ends early");
            return false;
        }

        if (t[pos] == "(")
        {
            pos++;
            var inner = ParseOr(t, ref pos, table, errors, warnings);
            if (pos < t.Count && t[pos] == ")")
            {
                pos++;
            }
            else
            {
                errors.Add("unbalanced parentheses in the licence expression");
            }

            return inner;
        }

        var id = t[pos++];
        if (id is "OR" or "AND" or "WITH" or ")")
        {
            errors.Add($"unexpected '{id}' in the licence expression");
            return false;
        }

        var folder = table.FolderOf(id);
        if (folder is null)
        {
            var lower = id.ToLowerInvariant();
            errors.Add(lower.StartsWith("gpl", StringComparison.Ordinal) && !id.StartsWith("GPL", StringComparison.Ordinal)
                ? $"'{id}' is not a valid identifier; SPDX identifiers are case-sensitive (GPL-2.0-only)"
                : $"'{id}' is not a licence the kernel accepts (see LICENSES/)");
        }
        else if (folder == "exceptions")
        {
            errors.Add($"'{id}' is an exception; it only follows WITH");
        }
        else if (folder == "deprecated")
        {
            warnings.Add($"'{id}' is listed in LICENSES/deprecated; new code should use a preferred licence");
        }

        if (pos < t.Count && t[pos] == "WITH")
        {
            pos++;
            var exception = pos < t.Count ? t[pos++] : string.Empty;
            if (table.FolderOf(exception) != "exceptions")
            {
                errors.Add($"'{exception}' is not a licence exception the kernel accepts (LICENSES/exceptions)");
            }
        }

        return SpdxLicenseTable.IsGplCompatible(id);
    }

    private static List<string> Tokenise(string expression)
    {
        var tokens = new List<string>();
        foreach (var word in expression.Replace("(", " ( ", StringComparison.Ordinal).Replace(")", " ) ", StringComparison.Ordinal)
                     .Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
        {
            tokens.Add(word is "or" or "and" or "with" ? word.ToUpperInvariant() : word);
        }

        return tokens;
    }
}
