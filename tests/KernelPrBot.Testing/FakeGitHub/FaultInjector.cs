using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace KernelPrBot.Testing.FakeGitHub;

/// <summary>
/// Makes chosen requests fail or wait. <c>method</c> is an HTTP method or "*"; <c>pathRegex</c> is matched against the
/// path relative to the API root with its leading "/" (e.g. <c>/repos/o/r/pulls/1/reviews</c>). Faulted requests are still recorded.
/// </summary>
public sealed class FaultInjector
{
    private readonly List<Rule> _failures = [];
    private readonly List<Rule> _delays = [];
    private readonly TimeProvider _time;
    private readonly Func<TimeSpan, IReadOnlyList<Func<Rule>>> _randomKinds;
    private readonly Dictionary<string, int> _byKind = new(StringComparer.Ordinal);
    private RandomFaults? _random;
    private int _injected;

    /// <param name="time">The clock for rate-limit reset times.</param>
    /// <param name="randomKinds">The forge's own failure answers for <see cref="FailRandomly"/>, given the stall.</param>
    internal FaultInjector(TimeProvider time, Func<TimeSpan, IReadOnlyList<Func<Rule>>> randomKinds)
    {
        _time = time;
        _randomKinds = randomKinds;
    }

    /// <summary>The next <paramref name="times"/> matching requests get <paramref name="status"/>; the body defaults to <c>{"message": reason}</c>.</summary>
    public void Fail(string method, string pathRegex, int status, int times = 1, IDictionary<string, string>? headers = null, string? body = null)
    {
        lock (_failures)
        {
            _failures.Add(new Rule(method, Pattern(pathRegex), times)
            {
                Status = status,
                Headers = headers is null ? null : new(headers),
                Body = body,
                Kind = "rule " + status.ToString(CultureInfo.InvariantCulture),
            });
        }
    }

    /// <summary>
    /// From now on every request not caught by another rule fails with probability <paramref name="rate"/>, as one of the
    /// forge's own failure answers (see <see cref="GitHubRandomFaults"/> and <c>GitLabRandomFaults</c>): 5xx, rate limits
    /// with their wait headers, a 504 after <paramref name="stall"/> (which should outlast the client's timeout), or a reset
    /// connection. A rate of 0 stops it.
    /// </summary>
    public void FailRandomly(double rate, int seed, TimeSpan stall)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(rate);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(rate, 1);
        Volatile.Write(ref _random, rate == 0 ? null : new RandomFaults(rate, seed, _randomKinds(stall)));
    }

    /// <summary>
    /// The next <paramref name="times"/> matching requests get no answer: the connection is aborted, before the forge acts
    /// on the request or, with <paramref name="afterActing"/>, after it did (so only the answer is lost).
    /// </summary>
    public void Reset(string method, string pathRegex, bool afterActing = false, int times = 1)
    {
        lock (_failures)
        {
            _failures.Add(new Rule(method, Pattern(pathRegex), times)
            {
                Reset = afterActing ? FaultReset.AfterActing : FaultReset.BeforeActing,
                Kind = afterActing ? ResetAfterKind : ResetKind,
            });
        }
    }

    /// <summary>How many requests got a failure from a rule or at random.</summary>
    public int Injected => Volatile.Read(ref _injected);

    /// <summary>Injected failures by kind ("500", "429", "stall", "reset", …); rules added with <see cref="Fail"/> count as "rule NNN".</summary>
    public IReadOnlyDictionary<string, int> InjectedByKind
    {
        get
        {
            lock (_byKind)
            {
                return new Dictionary<string, int>(_byKind, StringComparer.Ordinal);
            }
        }
    }

    internal const string ResetKind = "reset";

    internal const string ResetAfterKind = "reset after acting";

    internal const string StallKind = "stall";

    public void Delay(string method, string pathRegex, TimeSpan delay, int times = 1)
    {
        lock (_delays)
        {
            _delays.Add(new Rule(method, Pattern(pathRegex), times) { Wait = delay });
        }
    }

    /// <summary>403 "You have exceeded a secondary rate limit" with <c>retry-after</c>, as GitHub answers bursts of writes.</summary>
    public void SecondaryRateLimit(string method, string pathRegex, int retryAfterSeconds = 1, int times = 1) =>
        Fail(method, pathRegex, 403, times, new Dictionary<string, string> { ["retry-after"] = retryAfterSeconds.ToString(CultureInfo.InvariantCulture) },
            SecondaryRateLimitBody);

    internal static readonly string SecondaryRateLimitBody =
        Json("You have exceeded a secondary rate limit. Please wait a few minutes before you try again. If you reach out to GitHub Support for help, please include the request ID.",
            "https://docs.github.com/free-pro-team@latest/rest/overview/rate-limits-for-the-rest-api#about-secondary-rate-limits");

    /// <summary>429 with <c>x-ratelimit-remaining: 0</c> and a reset <paramref name="resetIn"/> ahead.</summary>
    public void PrimaryRateLimit(string method, string pathRegex, TimeSpan resetIn, int times = 1) =>
        Fail(method, pathRegex, 429, times, new Dictionary<string, string>
        {
            ["x-ratelimit-remaining"] = "0",
            ["x-ratelimit-reset"] = _time.GetUtcNow().Add(resetIn).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture),
        }, Json("API rate limit exceeded for installation.", "https://docs.github.com/rest/overview/rate-limits-for-the-rest-api"));

    /// <summary>Removes every pending fault.</summary>
    public void Clear()
    {
        lock (_failures)
        {
            _failures.Clear();
        }

        lock (_delays)
        {
            _delays.Clear();
        }
    }

    internal Rule? TakeFailure(string method, string path)
    {
        var rule = Take(_failures, method, path) ?? Volatile.Read(ref _random)?.Next();
        if (rule is not null)
        {
            Interlocked.Increment(ref _injected);
            lock (_byKind)
            {
                var kind = rule.Kind ?? rule.Status.ToString(CultureInfo.InvariantCulture);
                _byKind[kind] = _byKind.GetValueOrDefault(kind) + 1;
            }
        }

        return rule;
    }

    internal TimeSpan TakeDelay(string method, string path) => Take(_delays, method, path)?.Wait ?? TimeSpan.Zero;

    private static Rule? Take(List<Rule> rules, string method, string path)
    {
        lock (rules)
        {
            var rule = rules.FirstOrDefault(r => r.Matches(method, path));
            if (rule is not null && --rule.Remaining == 0)
            {
                rules.Remove(rule);
            }

            return rule;
        }
    }

    private static Regex Pattern(string regex) => new(regex, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));

    private static string Json(string message, string docs) =>
        new JsonObject { ["message"] = message, ["documentation_url"] = docs }.ToJsonString();

    internal enum FaultReset
    {
        None,
        BeforeActing,
        AfterActing,
    }

    /// <summary>A null <paramref name="path"/> matches every path.</summary>
    internal sealed class Rule(string method, Regex? path, int times)
    {
        public int Remaining { get; set; } = times;

        public int Status { get; init; }

        public Dictionary<string, string>? Headers { get; init; }

        public string? Body { get; init; }

        public TimeSpan Wait { get; init; }

        /// <summary>Whether the connection is aborted instead of answered.</summary>
        public FaultReset Reset { get; init; }

        /// <summary>The label <see cref="InjectedByKind"/> counts it under; null counts the status.</summary>
        public string? Kind { get; init; }

        public bool Matches(string m, string p) => (method == "*" || method.Equals(m, StringComparison.OrdinalIgnoreCase)) && (path is null || path.IsMatch(p));
    }
}
