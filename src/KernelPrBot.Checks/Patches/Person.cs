using System.Text.RegularExpressions;

namespace KernelPrBot.Checks.Patches;

/// <summary>A name and e-mail address as written in a From: header or a trailer.</summary>
public sealed partial record Person(string Name, string Email, string Comment = "")
{
    // Linear on hostile text: the name may only end at a non-space (else each position of a long run of spaces
    // rescans the run), and Singleline lets the comment take a stray line break instead of backtracking over it.
    [GeneratedRegex(@"^(?<name>(?:.*?\S)??)\s*<(?<email>[^<>\s]+)>\s*(?<comment>.*)$", RegexOptions.CultureInvariant | RegexOptions.Singleline, 1000)]
    internal static partial Regex Bracketed { get; }

    [GeneratedRegex(@"^(?<email>[^\s<>@]+@[^\s<>@]+\.[^\s<>@]+)\s*(?<comment>.*)$", RegexOptions.CultureInvariant | RegexOptions.Singleline, 1000)]
    private static partial Regex Bare { get; }

    /// <summary>Parses <c>Name &lt;addr&gt;</c>, <c>&lt;addr&gt;</c> or a bare address; trailing text is the comment.</summary>
    public static Person? TryParse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        text = text.Trim();
        var match = Bracketed.Match(text);
        if (match.Success)
        {
            var email = match.Groups["email"].Value;
            if (!LooksLikeAddress(email))
            {
                return null;
            }

            return new Person(Unquote(match.Groups["name"].Value.Trim()), email, match.Groups["comment"].Value.Trim());
        }

        match = Bare.Match(text);
        return match.Success ? new Person(string.Empty, match.Groups["email"].Value, match.Groups["comment"].Value.Trim()) : null;
    }

    public bool SameAddress(Person other) => string.Equals(Email, other.Email, StringComparison.OrdinalIgnoreCase);

    public bool SameName(Person other) =>
        Name.Length > 0 && string.Equals(NormaliseName(Name), NormaliseName(other.Name), StringComparison.OrdinalIgnoreCase);

    public override string ToString() => Name.Length == 0 ? $"<{Email}>" : $"{Name} <{Email}>";

    private static bool LooksLikeAddress(string email)
    {
        var at = email.IndexOf('@', StringComparison.Ordinal);
        return at > 0 && at < email.Length - 1 && email.IndexOf('@', at + 1) < 0;
    }

    private static string Unquote(string name) =>
        name.Length >= 2 && name[0] == '"' && name[^1] == '"' ? name[1..^1].Replace("\\\"", "\"", StringComparison.Ordinal) : name;

    private static string NormaliseName(string name) => string.Join(' ', name.Split(' ', StringSplitOptions.RemoveEmptyEntries));
}
