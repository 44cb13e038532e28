namespace KernelPrBot.Testing.FakeForge;

/// <summary>Counts writes in flight per caller and keeps the highest count, so tests can check a bot's write concurrency.</summary>
internal sealed class WriteCounter
{
    private readonly Dictionary<string, int> _inFlight = new(StringComparer.Ordinal);
    private int _max;

    public int Max => Volatile.Read(ref _max);

    public void Enter(string key)
    {
        lock (_inFlight)
        {
            var n = _inFlight.GetValueOrDefault(key) + 1;
            _inFlight[key] = n;
            if (n > _max)
            {
                Volatile.Write(ref _max, n);
            }
        }
    }

    public void Leave(string key)
    {
        lock (_inFlight)
        {
            _inFlight[key]--;
        }
    }
}
