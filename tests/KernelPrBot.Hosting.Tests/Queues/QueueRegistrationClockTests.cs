using KernelPrBot.Hosting.Queues;
using KernelPrBot.Hosting.Settings;
using KernelPrBot.Review.Ports;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace KernelPrBot.Hosting.Tests.Queues;

/// <summary>The SQLite queue and delivery log that the host registers keep time by the registered clock, not the machine's.</summary>
public sealed class QueueRegistrationClockTests : IDisposable
{
    private readonly TempDatabase _db = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));

    public void Dispose() => _db.Dispose();

    private ServiceProvider Services() => new ServiceCollection()
        .AddSingleton<TimeProvider>(_time)
        .AddReviewQueue(new QueueSettings { Path = _db.Path, VisibilityTimeout = TimeSpan.FromMinutes(5) })
        .BuildServiceProvider();

    [Fact]
    public async Task A_lease_runs_out_when_the_registered_clock_passes_the_visibility_timeout()
    {
        using var services = Services();
        var queue = services.GetRequiredService<IReviewWorkQueue>();
        Assert.Same(queue, services.GetRequiredService<IReviewQueue>());
        await queue.EnqueueAsync(Requests.Pr(1));

        var first = await queue.TryDequeueAsync();
        Assert.Equal(1, first!.Attempt);
        Assert.Null(await queue.TryDequeueAsync());

        _time.Advance(TimeSpan.FromMinutes(6));
        var again = await queue.TryDequeueAsync();
        Assert.NotNull(again);
        Assert.Equal(2, again!.Attempt);
    }
}
