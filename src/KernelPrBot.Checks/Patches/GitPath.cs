using System.Text;

namespace KernelPrBot.Checks.Patches;

/// <summary>Path handling for diff headers: git's C-style quoting, a/ b/ prefixes, and paths that would leave the tree.</summary>
public static class GitPath
{
    public const string DevNull = "/dev/null";

    /// <summary>Undoes git's quoting (<c>"a/f\303\251"</c>); unquoted text is returned as is.</summary>
    public static string Unquote(string text)
    {
        if (text.Length < 2 || text[0] != '"' || text[^1] != '"')
        {
            return text;
        }

        var bytes = new List<byte>(text.Length);
        for (var i = 1; i < text.Length - 1; i++)
        {
            var c = text[i];
            if (c != '\\' || i + 1 >= text.Length - 1)
            {
                bytes.AddRange(Encoding.UTF8.GetBytes(c.ToString()));
                continue;
            }

            var e = text[++i];
            switch (e)
            {
                case 'n': bytes.Add((byte)'\n'); break;
                case 't': bytes.Add((byte)'\t'); break;
                case 'r': bytes.Add((byte)'\r'); break;
                case 'a': bytes.Add(7); break;
                case 'b': bytes.Add(8); break;
                case 'f': bytes.Add(12); break;
                case 'v': bytes.Add(11); break;
                case >= '0' and <= '7':
                    var value = 0;
                    var digits = 0;
                    while (digits < 3 && i < text.Length - 1 && text[i] is >= '0' and <= '7')
                    {
                        value = (value * 8) + (text[i] - '0');
                        i++;
                        digits++;
                    }

                    i--;
                    bytes.Add((byte)(value & 0xFF));
                    break;
                default:
                    bytes.AddRange(Encoding.UTF8.GetBytes(e.ToString()));
                    break;
            }
        }

        return Encoding.UTF8.GetString([.. bytes]);
    }

    /// <summary>Takes the path from a <c>---</c>/<c>+++</c> line: drops a tab-separated timestamp and unquotes.</summary>
    public static string FromHeaderLine(string rest)
    {
        rest = rest.TrimEnd();
        if (rest.StartsWith('"'))
        {
            var close = FindClosingQuote(rest);
            return Unquote(close > 0 ? rest[..(close + 1)] : rest);
        }

        var tab = rest.IndexOf('\t', StringComparison.Ordinal);
        if (tab >= 0)
        {
            rest = rest[..tab];
        }

        return rest.TrimEnd();
    }

    /// <summary>Strips one leading path component, as <c>patch -p1</c> does.</summary>
    public static string StripComponent(string path)
    {
        if (path == DevNull)
        {
            return path;
        }

        var slash = path.IndexOf('/', StringComparison.Ordinal);
        return slash >= 0 ? path[(slash + 1)..] : path;
    }

    /// <summary>
    /// A path is safe when it is relative, has no <c>..</c> or empty segment, and no control characters:
    /// it can then be joined to a tree directory without leaving it.
    /// </summary>
    public static bool IsSafeRelative(string path, out string reason)
    {
        reason = string.Empty;
        if (path.Length == 0)
        {
            reason = "the path is empty";
            return false;
        }

        if (path[0] == '/' || path[0] == '\\' || (path.Length > 1 && path[1] == ':'))
        {
            reason = "the path is absolute";
            return false;
        }

        if (path.Any(c => c < ' ' || c == '\\'))
        {
            reason = "the path contains a control character or backslash";
            return false;
        }

        foreach (var segment in path.Split('/'))
        {
            if (segment is ".." or "." || segment.Length == 0)
            {
                reason = segment.Length == 0 ? "the path has an empty segment" : $"the path has a '{segment}' segment";
                return false;
            }
        }

        return true;
    }

    internal static int FindClosingQuote(string text)
    {
        for (var i = 1; i < text.Length; i++)
        {
            if (text[i] == '\\')
            {
                i++;
            }
            else if (text[i] == '"')
            {
                return i;
            }
        }

        return -1;
    }
}
