using System.Text.RegularExpressions;

namespace KernelPrBot.Testing.Tests.Architecture;

/// <summary>
/// The dependencies between the namespaces of one project, read from its .cs files without compiling them. A file
/// depends on a namespace it imports (<c>using</c>, <c>using static</c>, an alias) or names fully qualified, and on
/// an enclosing namespace whose top-level type it names: those need no <c>using</c>, so only the names show them.
/// </summary>
public static partial class NamespaceGraph
{
    public static DependencyGraph Read(string projectDirectory, string rootNamespace)
    {
        var files = Directory.EnumerateFiles(projectDirectory, "*.cs", SearchOption.AllDirectories)
            .Where(f => !IsBuildOutput(projectDirectory, f))
            .Select(f => Parse(f, File.ReadAllText(f)))
            .ToList();
        var known = files.Select(f => f.Namespace).ToHashSet(StringComparer.Ordinal);
        var declared = files
            .SelectMany(f => f.Types.Select(t => (f.Namespace, Type: t)))
            .GroupBy(x => x.Namespace, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(x => x.Type).ToHashSet(StringComparer.Ordinal), StringComparer.Ordinal);

        var edges = new List<(string, string)>();
        foreach (var file in files)
        {
            var targets = file.Named.Select(n => Resolve(n, known)).OfType<string>()
                .Concat(Enclosing(file.Namespace, rootNamespace).Where(e => declared.TryGetValue(e, out var types) && types.Overlaps(file.Identifiers)));
            edges.AddRange(targets.Where(t => t != file.Namespace && t.StartsWith(rootNamespace, StringComparison.Ordinal)).Select(t => (file.Namespace, t)));
        }

        return new DependencyGraph(known, edges);
    }

    /// <summary>What one file declares and names; comments are left out so that a cref or a remark is no dependency.</summary>
    public sealed record SourceFile(string Namespace, IReadOnlyList<string> Types, IReadOnlyList<string> Named, IReadOnlySet<string> Identifiers);

    public static SourceFile Parse(string path, string text)
    {
        var code = LineComment().Replace(BlockComment().Replace(text, " "), "");
        var ns = FileScopedNamespace().Match(code) is { Success: true } m
            ? m.Groups["name"].Value
            : throw new InvalidDataException($"{path}: no file-scoped namespace");
        var named = DottedName().Matches(code).Select(d => d.Value).Distinct(StringComparer.Ordinal).ToList();
        var types = TopLevelType().Matches(code).Select(t => t.Groups["name"].Value).ToList();
        var identifiers = Identifier().Matches(code).Select(i => i.Value).ToHashSet(StringComparer.Ordinal);
        return new SourceFile(ns, types, named, identifiers);
    }

    /// <summary>The longest known namespace a dotted name starts with (<c>using static A.B.Type</c> names A.B).</summary>
    private static string? Resolve(string name, HashSet<string> known)
    {
        for (var candidate = name; ; candidate = candidate[..candidate.LastIndexOf('.')])
        {
            if (known.Contains(candidate))
            {
                return candidate;
            }

            if (!candidate.Contains('.', StringComparison.Ordinal))
            {
                return null;
            }
        }
    }

    /// <summary>The namespaces enclosing <paramref name="ns"/> up to the root: A.B.C gives A.B and A (when A is the root).</summary>
    private static IEnumerable<string> Enclosing(string ns, string root)
    {
        for (var dot = ns.LastIndexOf('.'); dot > 0 && ns[..dot].Length >= root.Length; dot = ns.LastIndexOf('.', dot - 1))
        {
            yield return ns[..dot];
        }
    }

    private static bool IsBuildOutput(string projectDirectory, string file)
    {
        var first = Path.GetRelativePath(projectDirectory, file).Split(Path.DirectorySeparatorChar)[0];
        return first is "bin" or "obj";
    }

    [GeneratedRegex(@"/\*.*?\*/", RegexOptions.Singleline)]
    private static partial Regex BlockComment();

    // "//" at the start of a line or after a blank, so that "https://" inside a string stays.
    [GeneratedRegex(@"(?<=^|\s)//.*$", RegexOptions.Multiline)]
    private static partial Regex LineComment();

    [GeneratedRegex(@"^namespace\s+(?<name>[\w.]+)\s*;", RegexOptions.Multiline)]
    private static partial Regex FileScopedNamespace();

    // Using directives (static and alias too), qualified names, and also member accesses, which resolve to no namespace.
    [GeneratedRegex(@"(?<![\w.])\w+(?:\.\w+)+")]
    private static partial Regex DottedName();

    // A type at column 0 is top-level in a file-scoped namespace; nested types are indented.
    [GeneratedRegex(@"^(?:(?:public|internal|file|static|sealed|abstract|partial|readonly|ref|unsafe)\s+)*(?:class|struct|interface|enum|record(?:\s+struct|\s+class)?)\s+(?<name>\w+)", RegexOptions.Multiline)]
    private static partial Regex TopLevelType();

    [GeneratedRegex(@"\b[A-Za-z_]\w*\b")]
    private static partial Regex Identifier();
}
