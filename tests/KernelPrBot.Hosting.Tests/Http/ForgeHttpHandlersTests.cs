using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using KernelPrBot.Hosting.Http;
using Polly.CircuitBreaker;
using Polly.Timeout;
using Xunit;
using static KernelPrBot.Hosting.Tests.Http.ScriptedForgeServer;

namespace KernelPrBot.Hosting.Tests.Http;

public sealed class ForgeHttpHandlersTests : IAsyncLifetime
{
    private ScriptedForgeServer _server = null!;

    public async Task InitializeAsync() => _server = await StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private static ForgeResilienceOptions Fast() => new()
    {
        MaxRetries = 3,
        BaseDelay = TimeSpan.FromMilliseconds(10),
        MaxRetryDelay = TimeSpan.FromSeconds(5),
        AttemptTimeout = TimeSpan.FromSeconds(5),
        TotalTimeout = TimeSpan.FromSeconds(20),
        MinWriteInterval = TimeSpan.Zero,
    };

    private HttpClient Client(ForgeResilienceOptions options, string token = "t")
    {
        var client = new HttpClient(ForgeHttpHandlers.Create(options)) { BaseAddress = _server.BaseAddress };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token + Guid.NewGuid());
        return client;
    }

    private static long EpochSecondsFromNow(int seconds) => DateTimeOffset.UtcNow.ToUnixTimeSeconds() + seconds;

    [Fact]
    public async Task A_502_is_retried_once_and_the_200_returned()
    {
        _server.Script(Reply(502), Reply(200, """{"ok":true}"""));
        using var client = Client(Fast());
        using var response = await client.GetAsync("repos/o/r/pulls/1");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("""{"ok":true}""", await response.Content.ReadAsStringAsync());
        Assert.Equal(2, _server.Count);
    }

    [Fact]
    public async Task Gives_up_after_MaxRetries_and_returns_the_last_answer()
    {
        _server.Script(Reply(503));
        using var client = Client(Fast());
        using var response = await client.GetAsync("x");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal(4, _server.Count);
    }

    [Fact]
    public async Task An_exhausted_primary_limit_waits_until_the_reset()
    {
        var reset = EpochSecondsFromNow(2);
        _server.Script(
            Reply(403, """{"message":"API rate limit exceeded"}""", ("x-ratelimit-remaining", "0"), ("x-ratelimit-reset", reset.ToString(CultureInfo.InvariantCulture))),
            Reply(200));
        using var client = Client(Fast());
        using var response = await client.GetAsync("x");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(2, _server.Count);
        Assert.True(_server.Arrivals[1].At >= DateTimeOffset.FromUnixTimeSeconds(reset), $"retried at {_server.Arrivals[1].At:O}, reset {reset}");
    }

    [Fact]
    public async Task GitLab_RateLimit_Reset_on_a_429_is_honoured()
    {
        var reset = EpochSecondsFromNow(2);
        _server.Script(Reply(429, ("RateLimit-Remaining", "0"), ("RateLimit-Reset", reset.ToString(CultureInfo.InvariantCulture))), Reply(200));
        using var client = Client(Fast());
        using var response = await client.GetAsync("api/v4/projects/1");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(_server.Arrivals[1].At >= DateTimeOffset.FromUnixTimeSeconds(reset));
    }

    [Fact]
    public async Task Retry_After_in_seconds_is_honoured()
    {
        _server.Script(Reply(429, ("Retry-After", "1")), Reply(200));
        using var client = Client(Fast());
        using var response = await client.GetAsync("x");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(_server.Arrivals[1].At - _server.Arrivals[0].At >= TimeSpan.FromSeconds(1), $"gap {(_server.Arrivals[1].At - _server.Arrivals[0].At).TotalMilliseconds} ms");
    }

    [Fact]
    public async Task Retry_After_as_an_HTTP_date_is_honoured()
    {
        var at = DateTimeOffset.FromUnixTimeSeconds(EpochSecondsFromNow(2));
        _server.Script(Reply(503, ("Retry-After", at.ToString("R", CultureInfo.InvariantCulture))), Reply(200));
        using var client = Client(Fast());
        using var response = await client.GetAsync("x");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(_server.Arrivals[1].At >= at, $"retried at {_server.Arrivals[1].At:O}, asked {at:O}, first {_server.Arrivals[0].At:O}");
    }

    [Fact]
    public async Task A_POST_is_not_resent_after_a_502_or_a_503_without_Retry_After()
    {
        _server.Script(Reply(502), Reply(503), Reply(200));
        using var client = Client(Fast());
        using (var first = await client.PostAsync("comments", new StringContent("{}")))
        {
            Assert.Equal(HttpStatusCode.BadGateway, first.StatusCode);
        }

        using (var second = await client.PostAsync("comments", new StringContent("{}")))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, second.StatusCode);
        }

        Assert.Equal(2, _server.Count);
    }

    [Fact]
    public async Task A_POST_is_resent_after_a_429_a_rate_limit_403_and_a_503_with_Retry_After()
    {
        _server.Script(
            Reply(429),
            Reply(403, ("x-ratelimit-remaining", "0"), ("x-ratelimit-reset", EpochSecondsFromNow(-1).ToString(CultureInfo.InvariantCulture))),
            Reply(503, ("Retry-After", "0")),
            Echo(201));
        using var client = Client(Fast());
        using var response = await client.PostAsync("comments", new StringContent("""{"body":"hi"}"""));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("""{"body":"hi"}""", await response.Content.ReadAsStringAsync());
        Assert.Equal(4, _server.Count);
    }

    [Fact]
    public async Task A_wait_beyond_MaxRetryDelay_throws_ForgeRateLimitedException_without_retrying()
    {
        var before = DateTimeOffset.UtcNow;
        _server.Script(Reply(429, ("Retry-After", "120")), Reply(200));
        using var client = Client(Fast());
        var ex = await Assert.ThrowsAsync<ForgeRateLimitedException>(() => client.GetAsync("x"));
        Assert.Equal(1, _server.Count);
        Assert.Equal(HttpStatusCode.TooManyRequests, ex.StatusCode);
        Assert.InRange(ex.RetryAt, before.AddSeconds(119), DateTimeOffset.UtcNow.AddSeconds(121));
    }

    [Fact]
    public async Task A_primary_limit_reset_far_ahead_throws_with_the_reset_time()
    {
        var reset = EpochSecondsFromNow(3600);
        _server.Script(Reply(403, ("x-ratelimit-remaining", "0"), ("x-ratelimit-reset", reset.ToString(CultureInfo.InvariantCulture))));
        using var client = Client(Fast());
        var ex = await Assert.ThrowsAsync<ForgeRateLimitedException>(() => client.PostAsync("comments", new StringContent("{}")));
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(reset), ex.RetryAt);
        Assert.Equal(1, _server.Count);
    }

    [Fact]
    public async Task A_secondary_limit_403_without_headers_waits_at_least_a_minute()
    {
        var before = DateTimeOffset.UtcNow;
        _server.Script(Reply(403, """{"message":"You have exceeded a secondary rate limit. Please wait a few minutes before you try again."}"""));
        using var client = Client(Fast());
        var ex = await Assert.ThrowsAsync<ForgeRateLimitedException>(() => client.PostAsync("comments", new StringContent("{}")));
        Assert.True(ex.RetryAt >= before.AddMinutes(1));
        Assert.Equal(1, _server.Count);
    }

    [Fact]
    public async Task A_plain_403_is_returned_as_it_is()
    {
        _server.Script(Reply(403, """{"message":"Resource not accessible by integration"}"""));
        using var client = Client(Fast());
        using var response = await client.GetAsync("x");
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("not accessible", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(1, _server.Count);
    }

    [Fact]
    public async Task A_slow_attempt_times_out_and_a_GET_is_retried()
    {
        _server.Script(Slow(TimeSpan.FromSeconds(10)), Reply(200));
        var options = Fast();
        options.AttemptTimeout = TimeSpan.FromMilliseconds(300);
        using var client = Client(options);
        using var response = await client.GetAsync("x");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(2, _server.Count);
    }

    [Fact]
    public async Task A_POST_that_timed_out_is_not_resent()
    {
        _server.Script(Slow(TimeSpan.FromSeconds(10)));
        var options = Fast();
        options.AttemptTimeout = TimeSpan.FromMilliseconds(300);
        using var client = Client(options);
        await Assert.ThrowsAsync<TimeoutRejectedException>(() => client.PostAsync("comments", new StringContent("{}")));
        Assert.Equal(1, _server.Count);
    }

    [Fact]
    public async Task The_total_timeout_ends_the_call_across_attempts()
    {
        // Margins wide enough for a loaded machine: the total (2 s) spans several 400 ms attempts, and ends the call
        // before the 8 retries would (9 attempts, 3.6 s), under the circuit breaker's minimum of 10 calls.
        _server.Script(Slow(TimeSpan.FromSeconds(10)));
        var options = Fast();
        options.MaxRetries = 8;
        options.AttemptTimeout = TimeSpan.FromMilliseconds(400);
        options.TotalTimeout = TimeSpan.FromMilliseconds(2000);
        using var client = Client(options);
        var started = DateTimeOffset.UtcNow;
        await Assert.ThrowsAsync<TimeoutRejectedException>(() => client.GetAsync("x"));
        Assert.True(DateTimeOffset.UtcNow - started < TimeSpan.FromSeconds(8));
        Assert.InRange(_server.Count, 2, 8);
    }

    [Fact]
    public async Task The_circuit_opens_after_repeated_failures()
    {
        _server.Script(Reply(500));
        var options = Fast();
        options.MaxRetries = 0;
        options.CircuitBreakerMinimumThroughput = 3;
        options.CircuitBreakerFailureRatio = 0.5;
        options.CircuitBreakerBreakDuration = TimeSpan.FromSeconds(30);
        using var client = Client(options);
        for (var i = 0; i < 3; i++)
        {
            using var failed = await client.GetAsync("x");
            Assert.Equal(HttpStatusCode.InternalServerError, failed.StatusCode);
        }

        await Assert.ThrowsAsync<BrokenCircuitException>(() => client.GetAsync("x"));
        Assert.Equal(3, _server.Count);
    }
}
