using KernelPrBot.GitHub.Auth;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace KernelPrBot.GitHub.Tests.Auth;

public sealed class InstallationTokenCacheTests
{
    [Fact]
    public async Task Tokens_are_reused_until_five_minutes_before_expiry_then_minted_again()
    {
        var time = new FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(1_800_000_000));
        var minted = 0;
        var cache = new InstallationTokenCache((id, _) => Task.FromResult(($"token-{id}-{++minted}", time.GetUtcNow().AddHours(1))), time);

        Assert.Equal("token-7-1", await cache.GetAsync(7, CancellationToken.None));
        time.Advance(TimeSpan.FromMinutes(54));
        Assert.Equal("token-7-1", await cache.GetAsync(7, CancellationToken.None));
        time.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal("token-7-2", await cache.GetAsync(7, CancellationToken.None));
        Assert.Equal("token-8-3", await cache.GetAsync(8, CancellationToken.None));
    }

    [Fact]
    public async Task Concurrent_callers_share_one_mint_and_a_failed_mint_is_not_cached()
    {
        var time = new FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(1_800_000_000));
        var calls = 0;
        var gate = new TaskCompletionSource();
        var cache = new InstallationTokenCache(async (_, _) =>
        {
            if (Interlocked.Increment(ref calls) == 1)
            {
                await gate.Task;
                throw new HttpRequestException("GitHub said 502");
            }

            return ("fresh", time.GetUtcNow().AddHours(1));
        }, time);

        var waiting = Enumerable.Range(0, 5).Select(_ => cache.GetAsync(1, CancellationToken.None)).ToList();
        gate.SetResult();
        foreach (var task in waiting)
        {
            await Assert.ThrowsAsync<HttpRequestException>(() => task);
        }

        Assert.Equal("fresh", await cache.GetAsync(1, CancellationToken.None));
        Assert.Equal(2, calls);
    }
}
