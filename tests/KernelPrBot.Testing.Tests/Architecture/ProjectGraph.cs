using System.Xml.Linq;

namespace KernelPrBot.Testing.Tests.Architecture;

/// <summary>The project references of the shipped projects (src/ and functions/), read from their .csproj files.</summary>
public static class ProjectGraph
{
    public static readonly string[] Folders = ["src", "functions"];

    public static DependencyGraph Read(string repoRoot)
    {
        var edges = new List<(string, string)>();
        var projects = new List<string>();
        foreach (var folder in Folders)
        {
            foreach (var project in Directory.EnumerateFiles(Path.Combine(repoRoot, folder), "*.csproj", SearchOption.AllDirectories).Where(IsSource))
            {
                projects.Add(Name(project));
                var directory = Path.GetDirectoryName(project)!;
                var references = XDocument.Load(project).Descendants()
                    .Where(e => e.Name.LocalName == "ProjectReference")
                    .Select(e => (string?)e.Attribute("Include") ?? throw new InvalidDataException($"{project}: a ProjectReference without Include"));
                edges.AddRange(references.Select(include => (Name(project), Name(Path.Combine(directory, include.Replace('\\', '/'))))));
            }
        }

        if (projects.Count == 0)
        {
            throw new InvalidDataException($"no .csproj under {string.Join(", ", Folders)} of {repoRoot}");
        }

        return new DependencyGraph(projects, edges);
    }

    private static string Name(string csproj) => Path.GetFileNameWithoutExtension(csproj);

    /// <summary>Not a build output: the Functions SDK generates a WorkerExtensions.csproj under obj/.</summary>
    public static bool IsSource(string path) =>
        !path.Split(Path.DirectorySeparatorChar).Any(part => part is "obj" or "bin");
}
