using Xunit;

namespace KernelPrBot.Testing.Tests.Architecture;

/// <summary>
/// docs/architecture.md stays true: its project graph is the one the .csproj files declare, that graph has no cycle,
/// and the namespaces of the check library depend on each other as the page lists, without a cycle.
/// </summary>
public sealed class ArchitectureTests
{
    private const string ChecksNamespace = "KernelPrBot.Checks";

    private static string Doc() => File.ReadAllText(TestPaths.InRepo(ArchitectureDoc.PathInRepo));

    [Fact]
    public void The_page_lists_every_project_reference_and_no_other()
    {
        var actual = ProjectGraph.Read(TestPaths.RepoRoot).Lines;
        Assert.True(actual.Count >= 10, "src/ and functions/ look empty");
        var documented = ArchitectureDoc.EdgeList(Doc(), "project-graph");
        Assert.True(actual.SequenceEqual(documented),
            "docs/architecture.md's project-graph block does not match the .csproj files; it should read:\n" + string.Join('\n', actual) + Differences(actual, documented));
    }

    [Fact]
    public void The_page_diagram_draws_the_same_references()
    {
        var listed = ArchitectureDoc.EdgeList(Doc(), "project-graph");
        var drawn = ArchitectureDoc.MermaidEdges(Doc(), "project-diagram");
        Assert.True(listed.SequenceEqual(drawn),
            "the Mermaid diagram of docs/architecture.md does not draw the listed references" + Differences(listed, drawn));
    }

    [Fact]
    public void The_project_graph_has_no_cycle()
    {
        var cycle = ProjectGraph.Read(TestPaths.RepoRoot).FindCycle();
        Assert.True(cycle is null, "project references form a cycle: " + string.Join(" -> ", cycle ?? []));
    }

    [Fact]
    public void The_check_library_has_no_namespace_cycle()
    {
        var graph = NamespaceGraph.Read(TestPaths.InRepo("src", ChecksNamespace), ChecksNamespace);
        Assert.Contains($"{ChecksNamespace}.Rules.Context", graph.Nodes);
        var cycle = graph.FindCycle();
        Assert.True(cycle is null, "namespaces of src/KernelPrBot.Checks form a cycle: " + string.Join(" -> ", cycle ?? []));
    }

    [Fact]
    public void The_page_lists_every_namespace_dependency_of_the_check_library_and_no_other()
    {
        var actual = NamespaceGraph.Read(TestPaths.InRepo("src", ChecksNamespace), ChecksNamespace).Lines;
        var documented = ArchitectureDoc.EdgeList(Doc(), "namespace-graph");
        Assert.True(actual.SequenceEqual(documented),
            "docs/architecture.md's namespace-graph block does not match src/KernelPrBot.Checks; it should read:\n"
            + string.Join('\n', actual) + Differences(actual, documented));
    }

    [Fact]
    public void Every_shipped_project_is_in_the_readme_layout_and_on_the_page()
    {
        var readme = File.ReadAllText(TestPaths.InRepo("README.md"));
        var doc = Doc();
        var projects = ProjectGraph.Folders
            .SelectMany(folder => Directory.EnumerateFiles(TestPaths.InRepo(folder), "*.csproj", SearchOption.AllDirectories).Where(ProjectGraph.IsSource)
                .Select(p => $"{folder}/{Path.GetFileNameWithoutExtension(p)}"))
            .ToList();
        Assert.NotEmpty(projects);

        // The layout names src/ projects one by one and functions/ as a folder; the page names each by its path.
        var notInLayout = projects.Where(p => p.StartsWith("src/", StringComparison.Ordinal) && !readme.Contains(p + " ", StringComparison.Ordinal)).ToList();
        Assert.True(notInLayout.Count == 0, "README.md's Layout does not list " + string.Join(", ", notInLayout));
        Assert.Contains("](docs/architecture.md)", readme, StringComparison.Ordinal);
        var notOnPage = projects.Where(p => !doc.Contains($"`{p}`", StringComparison.Ordinal)).ToList();
        Assert.True(notOnPage.Count == 0, "docs/architecture.md does not describe " + string.Join(", ", notOnPage));
    }

    private static string Differences(IReadOnlyList<string> actual, IReadOnlyList<string> documented)
    {
        var missing = actual.Except(documented, StringComparer.Ordinal).ToList();
        var extra = documented.Except(actual, StringComparer.Ordinal).ToList();
        return (missing.Count > 0 ? "\nnot on the page: " + string.Join(", ", missing) : "")
            + (extra.Count > 0 ? "\non the page only: " + string.Join(", ", extra) : "");
    }
}
