using System.Text;
using System.Text.RegularExpressions;

namespace KernelPrBot.Checks.Config;

/// <summary>A path pattern: <c>**</c> crosses directories, <c>*</c> and <c>?</c> stay within one.</summary>
public sealed class PathGlob
{
    private readonly Regex _regex;

    public PathGlob(string pattern)
    {
        Pattern = pattern;
        var sb = new StringBuilder("^");
        for (var i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            if (c == '*' && i + 1 < pattern.Length && pattern[i + 1] == '*')
            {
                var slash = i + 2 < pattern.Length && pattern[i + 2] == '/';
                sb.Append(slash ? "(?:.*/)?" : ".*");
                i += slash ? 2 : 1;
            }
            else if (c == '*')
            {
                sb.Append("[^/]*");
            }
            else if (c == '?')
            {
                sb.Append("[^/]");
            }
            else
            {
                sb.Append(Regex.Escape(c.ToString()));
            }
        }

        // A pattern without a slash matches the file name anywhere, as in .gitignore.
        var text = pattern.Contains('/', StringComparison.Ordinal) ? sb.Append('$').ToString() : "^(?:.*/)?" + sb.ToString()[1..] + "$";
        // Patterns come from users: the linear-time engine keeps a hostile glob harmless.
        _regex = new Regex(text, RegexOptions.NonBacktracking | RegexOptions.CultureInvariant);
    }

    public string Pattern { get; }

    public bool IsMatch(string path) => _regex.IsMatch(path);
}
