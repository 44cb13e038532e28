using System.Globalization;
using System.Net;
using KernelPrBot.Hosting.Http;
using Xunit;

namespace KernelPrBot.Hosting.Tests.Http;

public sealed class RateLimitSignalsTests
{
    private static readonly DateTimeOffset Now = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);

    private static async Task<ServerWait> Read(HttpStatusCode status, string body = "{}", params (string Name, string Value)[] headers)
    {
        using var response = new HttpResponseMessage(status) { Content = new StringContent(body) };
        foreach (var (name, value) in headers)
        {
            response.Headers.TryAddWithoutValidation(name, value);
        }

        return await RateLimitSignals.ReadAsync(response, Now, CancellationToken.None);
    }

    private static string Epoch(TimeSpan fromNow) => (Now + fromNow).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);

    [Fact]
    public async Task Retry_After_wins_over_the_reset_headers()
    {
        var wait = await Read(HttpStatusCode.TooManyRequests, "{}", ("Retry-After", "7"), ("x-ratelimit-remaining", "0"), ("x-ratelimit-reset", Epoch(TimeSpan.FromHours(1))));
        Assert.Equal(new ServerWait(true, Now.AddSeconds(7)), wait);
    }

    [Fact]
    public async Task A_GitHub_reset_counts_only_when_nothing_remains()
    {
        Assert.Equal(new ServerWait(true, Now.AddMinutes(10)), await Read(HttpStatusCode.Forbidden, "{}", ("x-ratelimit-remaining", "0"), ("x-ratelimit-reset", Epoch(TimeSpan.FromMinutes(10)))));
        Assert.Equal(ServerWait.None, await Read(HttpStatusCode.Forbidden, "{}", ("x-ratelimit-remaining", "4999"), ("x-ratelimit-reset", Epoch(TimeSpan.FromMinutes(10)))));
    }

    [Fact]
    public async Task A_GitLab_429_uses_RateLimit_Reset()
    {
        Assert.Equal(new ServerWait(true, Now.AddSeconds(30)), await Read(HttpStatusCode.TooManyRequests, "{}", ("RateLimit-Reset", Epoch(TimeSpan.FromSeconds(30)))));
    }

    [Fact]
    public async Task A_bare_429_is_a_rate_limit_of_unknown_length()
    {
        Assert.Equal(new ServerWait(true, null), await Read(HttpStatusCode.TooManyRequests));
    }

    [Fact]
    public async Task A_secondary_limit_message_asks_for_a_minute()
    {
        var wait = await Read(HttpStatusCode.Forbidden, """{"message":"You have exceeded a Secondary Rate Limit."}""");
        Assert.Equal(new ServerWait(true, Now.AddMinutes(1)), wait);
    }

    [Fact]
    public async Task Other_answers_carry_only_their_Retry_After()
    {
        Assert.Equal(new ServerWait(false, Now.AddSeconds(3)), await Read(HttpStatusCode.ServiceUnavailable, "{}", ("Retry-After", "3")));
        Assert.Equal(ServerWait.None, await Read(HttpStatusCode.BadGateway));
        Assert.Equal(ServerWait.None, await Read(HttpStatusCode.Forbidden, """{"message":"Must have admin rights"}"""));
    }

    [Fact]
    public async Task Nonsense_reset_values_are_ignored()
    {
        Assert.Equal(new ServerWait(true, null), await Read(HttpStatusCode.Forbidden, "{}", ("x-ratelimit-remaining", "0"), ("x-ratelimit-reset", "99999999999999999")));
        Assert.Equal(new ServerWait(true, null), await Read(HttpStatusCode.TooManyRequests, "{}", ("RateLimit-Reset", "soon")));
    }
}
