using System.Globalization;
using KernelPrBot.Testing.FakeGitHub;

namespace KernelPrBot.Testing.FakeGitLab;

/// <summary>
/// The answers GitLab gives when unwell or busy, for <see cref="FaultInjector.FailRandomly"/>: 500, 502, 503, 429
/// "Retry later" with <c>Retry-After</c> and the RateLimit-* headers (1 s), the same 429 with only <c>RateLimit-Reset</c>
/// (GitLab.com does not always send both), a 504 after a stall that outlasts the client, and a connection reset before
/// or after GitLab acted on the request.
/// </summary>
internal static class GitLabRandomFaults
{
    public static IReadOnlyList<Func<FaultInjector.Rule>> Kinds(TimeSpan stall, TimeProvider time) =>
    [
        () => new FaultInjector.Rule("*", null, 1) { Status = 500 },
        () => new FaultInjector.Rule("*", null, 1) { Status = 502 },
        () => new FaultInjector.Rule("*", null, 1) { Status = 503 },
        () => new FaultInjector.Rule("*", null, 1) { Status = 429, Headers = GitLabFaults.RateLimitHeaders(time, 1), Body = GitLabFaults.RetryLaterBody },
        () => new FaultInjector.Rule("*", null, 1)
        {
            Status = 429,
            Headers = new() { ["RateLimit-Reset"] = time.GetUtcNow().AddSeconds(1).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture) },
            Body = GitLabFaults.RetryLaterBody,
            Kind = "429 reset only",
        },
        () => new FaultInjector.Rule("*", null, 1) { Status = 504, Wait = stall, Kind = FaultInjector.StallKind },
        () => new FaultInjector.Rule("*", null, 1) { Reset = FaultInjector.FaultReset.BeforeActing, Kind = FaultInjector.ResetKind },
        () => new FaultInjector.Rule("*", null, 1) { Reset = FaultInjector.FaultReset.AfterActing, Kind = FaultInjector.ResetAfterKind },
    ];
}
