namespace KernelPrBot.Testing.FakeGitHub;

/// <summary>
/// Each request fails with probability <c>rate</c>, as one of the answers GitHub gives when unwell or busy:
/// 500, 502, 503, 429 and a secondary-rate-limit 403 (both with a 1 s wait), or a stall that outlasts the client.
/// Seeded, so a run can be repeated.
/// </summary>
internal sealed class RandomFaults(double rate, int seed, TimeSpan stall)
{
    private static readonly Dictionary<string, string> RetryAfter = new() { ["retry-after"] = "1" };

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

            kind = _random.Next(6);
        }

        return kind switch
        {
            0 => new FaultInjector.Rule("*", null, 1) { Status = 500 },
            1 => new FaultInjector.Rule("*", null, 1) { Status = 502 },
            2 => new FaultInjector.Rule("*", null, 1) { Status = 503 },
            3 => new FaultInjector.Rule("*", null, 1) { Status = 429, Headers = new(RetryAfter) },
            4 => new FaultInjector.Rule("*", null, 1)
            {
                Status = 403,
                Headers = new(RetryAfter),
                Body = FaultInjector.SecondaryRateLimitBody,
            },
            _ => new FaultInjector.Rule("*", null, 1) { Status = 504, Wait = stall },
        };
    }
}
