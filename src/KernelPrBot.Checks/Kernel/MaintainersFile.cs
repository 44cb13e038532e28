using System.Text.RegularExpressions;

namespace KernelPrBot.Checks.Kernel;

/// <summary>
/// The kernel's MAINTAINERS file, matched the way <c>scripts/get_maintainer.pl --no-git</c> matches it. F:/X:
/// patterns are turned into the same regular expressions (<c>.</c> literal, <c>*</c> any text, <c>?</c> any
/// character, a trailing <c>/</c> added when the pattern names a directory of the tree) and anchored only at the
/// start; a pattern without a trailing '/' must also have as many '/' as the path. X: excludes the section.
/// Matching sections are taken deepest pattern first; N: (regex on the path) counts as depth 0; K: regexes
/// match patch lines. Maintainers and reviewers come in that order, then lists (subscribers-only lists are
/// left out); a person is listed once by name or address; the chief penguin of THE REST is dropped.
/// </summary>
public sealed partial class MaintainersFile
{
    private const string ChiefPenguin = "Linus Torvalds <torvalds@linux-foundation.org>";

    [GeneratedRegex(@"[\p{L}""' ,.+-]*\s*,*\s*[(<{]?[A-Za-z0-9_.+-]+@[A-Za-z0-9.-]+\.[A-Za-z0-9]+[)>}]?", RegexOptions.CultureInvariant, 2000)]
    private static partial Regex FileEmail { get; }

    [GeneratedRegex(@"[(<{]?([A-Za-z0-9_.+-]+@[A-Za-z0-9.-]+)[)>}]?", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex BareFileAddress { get; }

    [GeneratedRegex(@"[^\p{L}',.+-]", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex NameSeparator { get; }

    private readonly List<Compiled> _sections;
    private readonly MaintainersMailmap _mailmap;

    private MaintainersFile(List<Compiled> sections, MaintainersMailmap mailmap)
    {
        _sections = sections;
        _mailmap = mailmap;
    }

    public IReadOnlyList<MaintainersSection> Sections => _sections.Select(s => s.Section).ToList();

    /// <summary>Parses MAINTAINERS; <paramref name="isDirectory"/> says whether a (converted) F:/X: value is a directory of the tree.</summary>
    public static MaintainersFile Parse(string text, Func<string, bool>? isDirectory = null, MaintainersMailmap? mailmap = null)
    {
        isDirectory ??= _ => false;
        var sections = new List<Compiled>();
        string? name = null;
        var nameLine = 0;
        List<(char, string)>? fields = null;
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].TrimEnd('\r');
            if (line.Length >= 2 && line[0] is >= 'A' and <= 'Z' && line[1] == ':')
            {
                if (name is null)
                {
                    continue; // Fields before any title (the file's own description) are not a section.
                }

                fields ??= [];
                var type = line[0];
                var value = line[2..].TrimStart();
                if (type is 'F' or 'X')
                {
                    value = value.Replace(".", "\\.", StringComparison.Ordinal).Replace("*", ".*", StringComparison.Ordinal).Replace("?", ".", StringComparison.Ordinal);
                    if (isDirectory(value) && !value.EndsWith('/'))
                    {
                        value += "/";
                    }
                }

                fields.Add((type, value));
                continue;
            }

            if (string.IsNullOrWhiteSpace(line) || line.TrimStart().StartsWith('#'))
            {
                continue;
            }

            if (name is not null && fields is not null)
            {
                sections.Add(new Compiled(new MaintainersSection(name, nameLine, fields)));
            }

            name = line;
            nameLine = i + 1;
            fields = null;
        }

        if (name is not null && fields is not null)
        {
            sections.Add(new Compiled(new MaintainersSection(name, nameLine, fields)));
        }

        return new MaintainersFile(sections, mailmap ?? MaintainersMailmap.Empty);
    }

    /// <summary>Reads MAINTAINERS and .mailmap of a tree.</summary>
    /// <summary>A reader for <see cref="Route"/>'s <c>readFile</c>: a file of the tree, or null.</summary>
    public static Func<string, string?> TreeReader(string tree) => path =>
    {
        var full = Path.Combine(tree, path);
        return File.Exists(full) ? File.ReadAllText(full) : null;
    };

    public static MaintainersFile FromTree(string tree)
    {
        var mailmapPath = Path.Combine(tree, ".mailmap");
        var mailmap = File.Exists(mailmapPath) ? MaintainersMailmap.Parse(File.ReadAllText(mailmapPath)) : MaintainersMailmap.Empty;
        return Parse(File.ReadAllText(Path.Combine(tree, "MAINTAINERS")), value => Directory.Exists(Path.Combine(tree, value)), mailmap);
    }

    /// <summary>
    /// The recipients for changes to <paramref name="paths"/> (relative to the tree); <paramref name="patchLines"/>,
    /// when given, are the lines of the patch for K: keywords (any line before the first ---/+++, then only +/- lines).
    /// </summary>
    public MaintainersRecipients Route(IEnumerable<string> paths, IEnumerable<string>? patchLines = null, Func<string, string?>? readFile = null)
    {
        paths = paths.Distinct(StringComparer.Ordinal).ToList();
        var people = new List<(string Email, char Type)>();
        var seenNames = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var seenAddresses = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var lists = new List<string>();
        var seenLists = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var matched = new List<string>();

        void Add(Compiled section)
        {
            matched.Add(section.Section.Name);
            foreach (var (type, value) in section.Section.Fields)
            {
                if (type == 'L')
                {
                    var parts = value.Split((char[]?)null, 2, StringSplitOptions.RemoveEmptyEntries);
                    if (parts.Length == 0 || (parts.Length > 1 && parts[1].Contains("subscribers-only", StringComparison.Ordinal)))
                    {
                        continue;
                    }

                    if (seenLists.Add(parts[0]))
                    {
                        lists.Add(parts[0]);
                    }
                }
                else if (type is 'M' or 'R')
                {
                    var (name, address) = MaintainersEmail.Parse(value);
                    if (address.Length == 0 || (name.Length > 0 && seenNames.Contains(name)) || seenAddresses.Contains(address))
                    {
                        continue;
                    }

                    people.Add((MaintainersEmail.Format(name, address), type));
                    if (name.Length > 0)
                    {
                        seenNames.Add(name);
                    }

                    seenAddresses.Add(address);
                }
            }
        }

        foreach (var path in paths)
        {
            var depths = new List<(Compiled Section, int Depth, int Order)>();
            for (var s = 0; s < _sections.Count; s++)
            {
                if (_sections[s].Depth(path) is { } depth)
                {
                    depths.Add((_sections[s], depth, s));
                }
            }

            foreach (var (section, _, _) in depths.OrderByDescending(d => d.Depth).ThenBy(d => d.Order))
            {
                Add(section);
            }
        }

        if (patchLines is not null)
        {
            foreach (var section in KeywordSections(patchLines))
            {
                Add(section);
            }
        }

        // deduplicate_email: the mailmap, then one entry per name or address.
        var byName = new Dictionary<string, (string, string)>(StringComparer.OrdinalIgnoreCase);
        var byAddress = new Dictionary<string, (string, string)>(StringComparer.OrdinalIgnoreCase);
        var final = new List<(string Email, char Type)>();
        foreach (var (email, type) in people)
        {
            var (name, address) = MaintainersEmail.Parse(_mailmap.Map(email));
            if (name.Length > 0 && byName.TryGetValue(name, out var known))
            {
                (name, address) = known;
            }
            else if (byAddress.TryGetValue(address, out known))
            {
                (name, address) = known;
            }
            else
            {
                byName[name] = (name, address);
                byAddress[address] = (name, address);
            }

            final.Add((MaintainersEmail.Format(name, address), type));
        }

        var chief = MaintainersEmail.Format("Linus Torvalds", "torvalds@linux-foundation.org");
        final = final.Where(p => !p.Email.Contains(chief, StringComparison.Ordinal) && !p.Email.Contains(ChiefPenguin, StringComparison.Ordinal))
            .DistinctBy(p => p.Email, StringComparer.Ordinal).ToList();
        // Addresses written in a .yaml binding itself (its maintainers: list) come after the sections.
        foreach (var path in paths.Where(p => p.EndsWith(".yaml", StringComparison.Ordinal)))
        {
            if (readFile?.Invoke(path) is not { } text)
            {
                continue;
            }

            foreach (var email in FileEmails(text))
            {
                var (name, address) = MaintainersEmail.Parse(_mailmap.Map(email));
                if (address.Length == 0 || (name.Length > 0 && seenNames.Contains(name)) || seenAddresses.Contains(address))
                {
                    continue;
                }

                seenNames.Add(name);
                seenAddresses.Add(address);
                final.Add((MaintainersEmail.Format(name, address), 'F'));
            }
        }

        final = final.DistinctBy(p => p.Email, StringComparer.Ordinal).ToList();
        var mappedLists = lists.Select(l => MaintainersEmail.Parse(_mailmap.Map(l)).Address).Distinct(StringComparer.Ordinal).ToList();
        return new MaintainersRecipients(
            final.Where(p => p.Type is 'M' or 'F').Select(p => p.Email).ToList(),
            final.Where(p => p.Type == 'R').Select(p => p.Email).ToList(),
            mappedLists,
            final.Select(p => p.Email).ToList(),
            matched.Distinct(StringComparer.Ordinal).ToList());
    }

    /// <summary>get_maintainer.pl's clean_file_emails over the addresses found in a file.</summary>
    private static IEnumerable<string> FileEmails(string text)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (Match m in FileEmail.Matches(text))
        {
            var email = BareFileAddress.Replace(m.Value, "<$1>");
            var (name, address) = MaintainersEmail.Parse(email);
            if (name.Length >= 2 && name[0] == '"' && name[^1] == '"')
            {
                name = name[1..^1];
            }

            var words = NameSeparator.Split(name).Where(w => !(w.Length == 1 && w[0] is '\'' or ',' or '.' or '+' or '-')).ToList();
            while (words.Count > 0 && words[^1].Length == 0)
            {
                words.RemoveAt(words.Count - 1); // Perl's split drops trailing empty fields.
            }

            if (words.Count > 2)
            {
                string first = words[^3], middle = words[^2], last = words[^1];
                var initials = (first.Length == 1 && char.IsLetter(first[0])) || (first.Length == 2 && first[1] == '.') ||
                    middle.Length == 1 || (middle.Length == 2 && middle[1] == '.');
                name = initials ? $"{first} {middle} {last}" : $"{middle} {last}";
            }
            else
            {
                name = string.Join(' ', words);
            }

            if (name.Length > 0 && name[^1] is ',' or '.')
            {
                name = name[..^1];
            }

            if (name.Length > 0 && name[0] is ',' or '.')
            {
                name = name[1..];
            }

            var formatted = MaintainersEmail.Format(name, address);
            if (seen.Add(formatted))
            {
                yield return formatted;
            }
        }
    }

    private IEnumerable<Compiled> KeywordSections(IEnumerable<string> patchLines)
    {
        var inDiff = false;
        var hits = new SortedSet<int>();
        foreach (var line in patchLines)
        {
            if (line.StartsWith("+++ ", StringComparison.Ordinal) || line.StartsWith("--- ", StringComparison.Ordinal))
            {
                inDiff = true;
                continue;
            }

            if (inDiff && !(line.StartsWith('+') || line.StartsWith('-')))
            {
                continue;
            }

            for (var s = 0; s < _sections.Count; s++)
            {
                if (!hits.Contains(s) && _sections[s].Keywords.Any(k => k.IsMatch(inDiff ? line[1..] : line)))
                {
                    hits.Add(s);
                }
            }
        }

        return hits.Select(s => _sections[s]);
    }

    /// <summary>A section with its patterns ready to match.</summary>
    private sealed class Compiled
    {
        private readonly List<(char Type, string Value, Regex? Regex)> _patterns = [];

        public Compiled(MaintainersSection section)
        {
            Section = section;
            foreach (var (type, value) in section.Fields)
            {
                if (type is 'F' or 'X')
                {
                    _patterns.Add((type, value, NeedsRegex(value) ? Build("^" + value, RegexOptions.None) : null));
                }
                else if (type == 'N')
                {
                    _patterns.Add((type, value, Build(value, RegexOptions.IgnorePatternWhitespace)));
                }
                else if (type == 'K' && Build(value, RegexOptions.IgnorePatternWhitespace) is { } keyword)
                {
                    Keywords.Add(keyword);
                }
            }
        }

        public MaintainersSection Section { get; }

        public List<Regex> Keywords { get; } = [];

        /// <summary>The section's match depth for the path (larger is more specific), or null when it does not match.</summary>
        public int? Depth(string path)
        {
            foreach (var (type, value, regex) in _patterns)
            {
                if (type == 'X' && FileMatches(path, value, regex))
                {
                    return null;
                }
            }

            int? depth = null;
            foreach (var (type, value, regex) in _patterns)
            {
                if (type == 'F' && FileMatches(path, value, regex))
                {
                    var valueDepth = value.Count(c => c == '/');
                    if (!value.EndsWith('/'))
                    {
                        valueDepth++;
                    }

                    if (value.StartsWith(".*", StringComparison.Ordinal))
                    {
                        valueDepth = -1;
                    }

                    depth = valueDepth;
                }
                else if (type == 'N' && regex is not null && Safe(() => regex.IsMatch(path)))
                {
                    depth = 0;
                }
            }

            return depth;
        }

        private static bool FileMatches(string path, string pattern, Regex? regex)
        {
            var prefix = regex is null ? GlobPrefix(pattern, 0, path, 0) : Safe(() => regex.IsMatch(path));
            if (!prefix)
            {
                return false;
            }

            return pattern.EndsWith('/') || path.Count(c => c == '/') == pattern.Count(c => c == '/');
        }

        /// <summary>Whether the converted pattern (<c>\.</c>, <c>.*</c>, <c>.</c>, literals) matches a prefix of the path.</summary>
        private static bool GlobPrefix(string p, int i, string s, int j)
        {
            while (i < p.Length)
            {
                if (p[i] == '.' && i + 1 < p.Length && p[i + 1] == '*')
                {
                    for (var k = j; k <= s.Length; k++)
                    {
                        if (GlobPrefix(p, i + 2, s, k))
                        {
                            return true;
                        }
                    }

                    return false;
                }

                if (j >= s.Length)
                {
                    return false;
                }

                if (p[i] == '\\' && i + 1 < p.Length)
                {
                    if (s[j] != p[i + 1])
                    {
                        return false;
                    }

                    i += 2;
                }
                else if (p[i] == '.')
                {
                    i++;
                }
                else
                {
                    if (s[j] != p[i])
                    {
                        return false;
                    }

                    i++;
                }

                j++;
            }

            return true;
        }

        private static bool NeedsRegex(string value) => value.IndexOfAny(['[', ']', '(', ')', '+', '|', '^', '$', '{', '}']) >= 0 ||
            value.Replace("\\.", string.Empty, StringComparison.Ordinal).Contains('\\', StringComparison.Ordinal);

        private static Regex? Build(string pattern, RegexOptions options)
        {
            try
            {
                return new Regex(pattern, options | RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(200));
            }
            catch (ArgumentException)
            {
                return null; // A Perl-only construct: the pattern never matches here.
            }
        }

        private static bool Safe(Func<bool> match)
        {
            try
            {
                return match();
            }
            catch (RegexMatchTimeoutException)
            {
                return false;
            }
        }
    }
}
