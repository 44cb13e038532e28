namespace KernelPrBot.Testing.FakeGitHub;

/// <summary>
/// Each request fails with probability <c>rate</c>, as one of <c>kinds</c> picked uniformly (each made afresh, so
/// reset times are current). Seeded, so a run can be repeated.
/// </summary>
internal sealed class RandomFaults(double rate, int seed, IReadOnlyList<Func<FaultInjector.Rule>> kinds)
{
    private readonly Random _random = new(seed);

    public FaultInjector.Rule? Next()
    {
        int kind;
        lock (_random)
        {
            if (_random.NextDouble() >= rate)
            {
                return null;
            }

            kind = _random.Next(kinds.Count);
        }

        return kinds[kind]();
    }
}
