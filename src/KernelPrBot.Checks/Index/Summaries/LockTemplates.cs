namespace KernelPrBot.Checks.Index.Summaries;

/// <summary>
/// Lock expressions written so that a caller can put its own arguments in: the parameter a lock is reached from
/// becomes <c>{i}</c> (<c>&amp;dev-&gt;mutex</c> in <c>foo(struct foo *dev)</c> is <c>&amp;{0}-&gt;mutex</c>); a global's
/// expression stays as it is. Expressions that start from a local variable, or are not plain access paths
/// (<c>&amp;locks[i]</c>, <c>get_lock(x)</c>), have no template: a caller could not name them.
/// </summary>
public static class LockTemplates
{
    /// <summary>The template of <paramref name="key"/> (white space already removed), or null.</summary>
    /// <param name="parameters">The function's parameter names, in order.</param>
    /// <param name="isLocal">Whether a name is declared in the function's body.</param>
    public static string? From(string key, IReadOnlyList<string> parameters, Func<string, bool> isLocal)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(isLocal);
        var prefix = key.StartsWith('&') ? "&" : string.Empty;
        var path = key[prefix.Length..];
        if (!IsAccessPath(path))
        {
            return null;
        }

        var root = RootOf(path);
        for (var p = parameters.Count - 1; p >= 0; p--)
        {
            if (parameters[p] == root)
            {
                return prefix + "{" + p.ToString(System.Globalization.CultureInfo.InvariantCulture) + "}" + path[root.Length..];
            }
        }

        // A global ("&rtnl_mutex", "the_lnet.ln_lock", "&obd_devs"): not a parameter, and never declared in the body.
        return isLocal(root) ? null : key;
    }

    /// <summary>The parameter a template starts from, or -1 for a global's expression.</summary>
    public static int Parameter(string template)
    {
        ArgumentNullException.ThrowIfNull(template);
        var open = template.IndexOf('{', StringComparison.Ordinal);
        var close = open < 0 ? -1 : template.IndexOf('}', open);
        return close > open + 1 && int.TryParse(template.AsSpan(open + 1, close - open - 1), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var p) ? p : -1;
    }

    /// <summary>
    /// The lock a call names: the template with the caller's argument put in (white space removed); null when the
    /// argument is not a plain access path. <c>&amp;{0}-&gt;mtx</c> with <c>&amp;priv-&gt;wiphy</c> is <c>&amp;priv-&gt;wiphy.mtx</c>.
    /// </summary>
    public static string? Substitute(string template, IReadOnlyList<string> arguments)
    {
        ArgumentNullException.ThrowIfNull(template);
        ArgumentNullException.ThrowIfNull(arguments);
        var p = Parameter(template);
        if (p < 0)
        {
            return template;
        }

        if (p >= arguments.Count)
        {
            return null;
        }

        var marker = "{" + p.ToString(System.Globalization.CultureInfo.InvariantCulture) + "}";
        var at = template.IndexOf(marker, StringComparison.Ordinal);
        var prefix = template[..at];
        var rest = template[(at + marker.Length)..];
        var argument = arguments[p];
        while (argument.Length > 2 && argument[0] == '(' && argument[^1] == ')')
        {
            argument = argument[1..^1];
        }

        if (IsAccessPath(argument) || (argument.StartsWith('{') && Parameter(argument) >= 0 && IsAccessPath("x" + argument[(argument.IndexOf('}', StringComparison.Ordinal) + 1)..])))
        {
            return prefix + argument + rest;
        }

        // "&priv->dev" for "&{0}->mutex" names &priv->dev.mutex.
        if (argument.StartsWith('&') && rest.StartsWith("->", StringComparison.Ordinal))
        {
            var inner = argument[1..];
            if (IsAccessPath(inner) || (inner.StartsWith('{') && Parameter(inner) >= 0))
            {
                return prefix + inner + "." + rest[2..];
            }
        }

        return null;
    }

    /// <summary>Two lock keys naming the same lock: <c>&amp;priv-&gt;lock</c> and <c>priv-&gt;lock</c> (a pointer passed on) are one.</summary>
    public static bool SameLock(string a, string b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        return a.AsSpan().TrimStart('&').SequenceEqual(b.AsSpan().TrimStart('&'));
    }

    /// <summary>A lock key's last member or name, as a lock class is named across functions: "kss_lock" of "&amp;sched-&gt;kss_lock".</summary>
    public static string LastName(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var text = key.TrimStart('&');
        return text[Math.Max(text.LastIndexOf("->", StringComparison.Ordinal) + 2, text.LastIndexOf('.') + 1)..];
    }

    /// <summary>The variable an access path starts from: "priv" of "priv->dev.mutex".</summary>
    public static string RootOf(string accessPath)
    {
        ArgumentNullException.ThrowIfNull(accessPath);
        var end = 0;
        while (end < accessPath.Length && (char.IsAsciiLetterOrDigit(accessPath[end]) || accessPath[end] == '_'))
        {
            end++;
        }

        return accessPath[..end];
    }

    /// <summary>An identifier followed by members: "dev", "priv->mt76", "sc.ah".</summary>
    public static bool IsAccessPath(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var i = 0;
        while (true)
        {
            var start = i;
            while (i < text.Length && (char.IsAsciiLetterOrDigit(text[i]) || text[i] == '_'))
            {
                i++;
            }

            if (i == start || char.IsAsciiDigit(text[start]))
            {
                return false;
            }

            if (i == text.Length)
            {
                return true;
            }

            if (text[i] == '.')
            {
                i++;
            }
            else if (i + 1 < text.Length && text[i] == '-' && text[i + 1] == '>')
            {
                i += 2;
            }
            else
            {
                return false;
            }
        }
    }
}
