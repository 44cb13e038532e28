namespace KernelPrBot.Testing.FakeGitHub;

/// <summary>
/// The answers GitHub gives when unwell or busy, for <see cref="FaultInjector.FailRandomly"/>: 500, 502, 503, 429 and a
/// secondary-rate-limit 403 (both with a 1 s wait), a 504 after a stall that outlasts the client, and a connection reset
/// before or after GitHub acted on the request.
/// </summary>
internal static class GitHubRandomFaults
{
    private static readonly Dictionary<string, string> RetryAfter = new() { ["retry-after"] = "1" };

    public static IReadOnlyList<Func<FaultInjector.Rule>> Kinds(TimeSpan stall) =>
    [
        () => new FaultInjector.Rule("*", null, 1) { Status = 500 },
        () => new FaultInjector.Rule("*", null, 1) { Status = 502 },
        () => new FaultInjector.Rule("*", null, 1) { Status = 503 },
        () => new FaultInjector.Rule("*", null, 1) { Status = 429, Headers = new(RetryAfter) },
        () => new FaultInjector.Rule("*", null, 1) { Status = 403, Headers = new(RetryAfter), Body = FaultInjector.SecondaryRateLimitBody, Kind = "403 secondary" },
        () => new FaultInjector.Rule("*", null, 1) { Status = 504, Wait = stall, Kind = FaultInjector.StallKind },
        () => new FaultInjector.Rule("*", null, 1) { Reset = FaultInjector.FaultReset.BeforeActing, Kind = FaultInjector.ResetKind },
        () => new FaultInjector.Rule("*", null, 1) { Reset = FaultInjector.FaultReset.AfterActing, Kind = FaultInjector.ResetAfterKind },
    ];
}
