namespace KernelPrBot.Testing.FakeForge;

/// <summary>Requests the real forge would reject (or that the fake cannot answer), as "METHOD path: problem".</summary>
internal sealed class ViolationLog
{
    private readonly List<string> _items = [];

    public IReadOnlyList<string> Items
    {
        get
        {
            lock (_items)
            {
                return _items.ToList();
            }
        }
    }

    public void Add(string method, string path, string problem)
    {
        lock (_items)
        {
            _items.Add($"{method} {path}: {problem}");
        }
    }
}
