using System.Globalization;

namespace KernelPrBot.Testing.FakeGitLab;

/// <summary>
/// A per-user budget per minute window (GitLab.com's authenticated API limit), reported in the RateLimit-* headers GitLab
/// sends; a spent budget answers 429 with <c>Retry-After</c>.
/// </summary>
internal sealed class GitLabRateLimiter
{
    private readonly Dictionary<string, (DateTimeOffset Reset, int Used)> _windows = new(StringComparer.Ordinal);
    private readonly FakeGitLabOptions _options;

    public GitLabRateLimiter(FakeGitLabOptions options) => _options = options;

    /// <summary>Counts a request; false when over the limit. Fills the headers either way.</summary>
    public bool Take(string key, IDictionary<string, string> headers)
    {
        var now = _options.Time.GetUtcNow();
        DateTimeOffset reset;
        int used;
        lock (_windows)
        {
            if (!_windows.TryGetValue(key, out var window) || window.Reset <= now)
            {
                window = (now.AddMinutes(1), 0);
            }

            window.Used++;
            _windows[key] = window;
            (reset, used) = window;
        }

        var limit = _options.RateLimit;
        headers["RateLimit-Limit"] = limit.ToString(CultureInfo.InvariantCulture);
        headers["RateLimit-Observed"] = used.ToString(CultureInfo.InvariantCulture);
        headers["RateLimit-Remaining"] = Math.Max(0, limit - used).ToString(CultureInfo.InvariantCulture);
        headers["RateLimit-Reset"] = reset.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        headers["RateLimit-ResetTime"] = reset.ToString("r", CultureInfo.InvariantCulture);
        if (used <= limit)
        {
            return true;
        }

        headers["Retry-After"] = Math.Max(1, (int)Math.Ceiling((reset - now).TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        return false;
    }
}
