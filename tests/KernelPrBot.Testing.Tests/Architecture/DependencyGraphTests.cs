using Xunit;

namespace KernelPrBot.Testing.Tests.Architecture;

/// <summary>The graph helper finds what the architecture tests rely on it to find.</summary>
public sealed class DependencyGraphTests
{
    private static DependencyGraph Graph(params string[] edges) =>
        new([], edges.Select(e => e.Split(" -> ")).Select(p => (p[0], p[1])));

    [Fact]
    public void A_cycle_is_found_and_printed_as_its_path()
    {
        var graph = Graph("A -> B", "B -> C", "C -> A", "C -> D");
        Assert.Equal(["A", "B", "C", "A"], graph.FindCycle());
    }

    [Fact]
    public void A_self_reference_is_a_cycle()
    {
        Assert.Equal(["A", "A"], Graph("A -> A").FindCycle());
    }

    [Fact]
    public void A_diamond_is_not_a_cycle()
    {
        var graph = Graph("A -> B", "A -> C", "B -> D", "C -> D");
        Assert.Null(graph.FindCycle());
        Assert.Empty(graph.CycleEdges());
    }

    [Fact]
    public void Cycle_edges_are_the_edges_inside_each_knot_and_no_others()
    {
        // Two knots (A,B,C and D,E) joined by C -> D, which lies on no cycle; E -> F leads out.
        var graph = Graph("A -> B", "B -> C", "C -> A", "C -> D", "D -> E", "E -> D", "E -> F");
        Assert.Equal(["A -> B", "B -> C", "C -> A", "D -> E", "E -> D"], DependencyGraph.Format(graph.CycleEdges()));
    }

    [Fact]
    public void A_node_without_edges_is_kept()
    {
        var graph = new DependencyGraph(["Lonely"], [("A", "B")]);
        Assert.Equal(["A", "B", "Lonely"], graph.Nodes);
        Assert.Equal(["A -> B"], graph.Lines);
    }
}
