namespace KernelPrBot.Testing.Tests.Architecture;

/// <summary>
/// A directed graph of names (projects or namespaces) with the two questions the architecture tests ask: is there a
/// cycle (and which), and which edges lie on one. Sorted throughout so that messages and comparisons are stable.
/// </summary>
public sealed class DependencyGraph
{
    private readonly SortedDictionary<string, SortedSet<string>> _edges = new(StringComparer.Ordinal);

    /// <param name="nodes">Names that are nodes even without an edge (a project that references nothing).</param>
    public DependencyGraph(IEnumerable<string> nodes, IEnumerable<(string From, string To)> edges)
    {
        foreach (var node in nodes)
        {
            Node(node);
        }

        foreach (var (from, to) in edges)
        {
            Node(from).Add(to);
            Node(to);
        }
    }

    public IEnumerable<string> Nodes => _edges.Keys;

    /// <summary>Every edge as an <c>A -&gt; B</c> line, sorted: the form the architecture page lists them in.</summary>
    public IReadOnlyList<string> Lines => Format(Edges);

    public IEnumerable<(string From, string To)> Edges => _edges.SelectMany(e => e.Value.Select(to => (e.Key, to)));

    public static IReadOnlyList<string> Format(IEnumerable<(string From, string To)> edges) =>
        edges.Select(e => $"{e.From} -> {e.To}").Order(StringComparer.Ordinal).ToList();

    /// <summary>One cycle as its path (the first node repeated at the end), or null when the graph is acyclic.</summary>
    public IReadOnlyList<string>? FindCycle()
    {
        var done = new HashSet<string>(StringComparer.Ordinal);
        foreach (var start in Nodes)
        {
            var path = new List<string>();
            if (Visit(start, path, done) is { } cycle)
            {
                return cycle;
            }
        }

        return null;
    }

    /// <summary>
    /// The edges whose two ends depend on each other (both in one strongly connected component, or a self-reference):
    /// exactly the edges that lie on some cycle. A new cycle always adds one, so comparing this set catches it.
    /// </summary>
    public IReadOnlyList<(string From, string To)> CycleEdges()
    {
        var component = StronglyConnectedComponents();
        return Edges.Where(e => component[e.From] == component[e.To]).ToList();
    }

    private SortedSet<string> Node(string name)
    {
        if (!_edges.TryGetValue(name, out var targets))
        {
            targets = new SortedSet<string>(StringComparer.Ordinal);
            _edges.Add(name, targets);
        }

        return targets;
    }

    // Depth-first; a node met again while still on the path closes a cycle.
    private List<string>? Visit(string node, List<string> path, HashSet<string> done)
    {
        if (done.Contains(node))
        {
            return null;
        }

        var onPath = path.IndexOf(node);
        if (onPath >= 0)
        {
            return [.. path.Skip(onPath), node];
        }

        path.Add(node);
        foreach (var next in _edges[node])
        {
            if (Visit(next, path, done) is { } cycle)
            {
                return cycle;
            }
        }

        path.RemoveAt(path.Count - 1);
        done.Add(node);
        return null;
    }

    /// <summary>Tarjan's algorithm: each node's component number.</summary>
    private Dictionary<string, int> StronglyConnectedComponents()
    {
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        var low = new Dictionary<string, int>(StringComparer.Ordinal);
        var component = new Dictionary<string, int>(StringComparer.Ordinal);
        var stack = new Stack<string>();

        void Connect(string node)
        {
            index[node] = low[node] = index.Count;
            stack.Push(node);
            foreach (var next in _edges[node])
            {
                if (!index.TryGetValue(next, out var seen))
                {
                    Connect(next);
                    low[node] = Math.Min(low[node], low[next]);
                }
                else if (!component.ContainsKey(next))
                {
                    low[node] = Math.Min(low[node], seen);
                }
            }

            if (low[node] == index[node])
            {
                var number = component.Count == 0 ? 0 : component.Values.Max() + 1;
                string member;
                do
                {
                    member = stack.Pop();
                    component[member] = number;
                }
                while (member != node);
            }
        }

        foreach (var node in Nodes)
        {
            if (!index.ContainsKey(node))
            {
                Connect(node);
            }
        }

        return component;
    }
}
