using System.Text.RegularExpressions;

namespace KernelPrBot.Checks.Kernel;

/// <summary>get_maintainer.pl's parse_email, format_email and escape_name.</summary>
public static partial class MaintainersEmail
{
    [GeneratedRegex(@"^([^<]+)<(.+@.*)>.*$", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex NameAndAddress { get; }
    [GeneratedRegex(@"^\s*<(.+@\S*)>.*$", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex BracketAddress { get; }
    [GeneratedRegex(@"^(.+@\S*).*$", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex BareAddress { get; }
    [GeneratedRegex(@"[^A-Za-z0-9_ \-]", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex MustQuote { get; }

    public static (string Name, string Address) Parse(string email)
    {
        string name = "", address = "";
        Match m;
        if ((m = NameAndAddress.Match(email)).Success)
        {
            name = m.Groups[1].Value;
            address = m.Groups[2].Value;
        }
        else if ((m = BracketAddress.Match(email)).Success)
        {
            address = m.Groups[1].Value;
        }
        else if ((m = BareAddress.Match(email)).Success)
        {
            address = m.Groups[1].Value;
        }

        return (Escape(TrimQuotes(name.Trim())), address.Trim());
    }

    public static string Format(string name, string address)
    {
        name = Escape(TrimQuotes(name.Trim()));
        address = address.Trim();
        return name.Length == 0 ? address : $"{name} <{address}>";
    }

    private static string TrimQuotes(string name)
    {
        if (name.StartsWith('"'))
        {
            name = name[1..];
        }

        return name.EndsWith('"') ? name[..^1] : name;
    }

    /// <summary>Quotes a name with characters other than ASCII letters, digits, '_', ' ' and '-'.</summary>
    private static string Escape(string name)
    {
        if (!MustQuote.IsMatch(name))
        {
            return name;
        }

        return "\"" + Regex.Replace(name, "(?<!\\\\)\"", "\\\"", RegexOptions.None, TimeSpan.FromSeconds(1)) + "\"";
    }
}
