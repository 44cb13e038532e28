using System.Globalization;

namespace KernelPrBot.Testing.FakeGitHub;

/// <summary>GitHub's primary limit: a budget per installation (or user) that resets an hour after the window's first request.</summary>
internal sealed class RateLimiter
{
    private const int AnonymousLimit = 60;
    private readonly Dictionary<string, Bucket> _buckets = new(StringComparer.Ordinal);
    private readonly FakeGitHubOptions _options;

    public RateLimiter(FakeGitHubOptions options) => _options = options;

    /// <summary>Counts a request (unless free); false when the budget is spent. Fills the x-ratelimit-* headers either way.</summary>
    public bool Take(Caller caller, bool free, IDictionary<string, string> headers)
    {
        var now = _options.Time.GetUtcNow();
        Bucket bucket;
        bool allowed;
        lock (_buckets)
        {
            if (!_buckets.TryGetValue(caller.RateKey, out bucket!) || bucket.Reset <= now)
            {
                bucket = new Bucket(caller.Kind == CallerKind.Anonymous ? AnonymousLimit : _options.RateLimit, now.AddHours(1));
                _buckets[caller.RateKey] = bucket;
            }

            allowed = free || bucket.Used < bucket.Limit;
            if (allowed && !free)
            {
                bucket.Used++;
            }
        }

        headers["x-ratelimit-limit"] = bucket.Limit.ToString(CultureInfo.InvariantCulture);
        headers["x-ratelimit-remaining"] = Math.Max(0, bucket.Limit - bucket.Used).ToString(CultureInfo.InvariantCulture);
        headers["x-ratelimit-used"] = bucket.Used.ToString(CultureInfo.InvariantCulture);
        headers["x-ratelimit-reset"] = bucket.Reset.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        headers["x-ratelimit-resource"] = "core";
        return allowed;
    }

    public (int Limit, int Used, DateTimeOffset Reset) Peek(Caller caller)
    {
        lock (_buckets)
        {
            return _buckets.TryGetValue(caller.RateKey, out var b) && b.Reset > _options.Time.GetUtcNow()
                ? (b.Limit, b.Used, b.Reset)
                : (caller.Kind == CallerKind.Anonymous ? AnonymousLimit : _options.RateLimit, 0, _options.Time.GetUtcNow().AddHours(1));
        }
    }

    private sealed class Bucket(int limit, DateTimeOffset reset)
    {
        public int Limit { get; } = limit;

        public DateTimeOffset Reset { get; } = reset;

        public int Used { get; set; }
    }
}
