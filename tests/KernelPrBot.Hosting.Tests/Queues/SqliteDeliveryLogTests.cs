using KernelPrBot.Hosting.Queues;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace KernelPrBot.Hosting.Tests.Queues;

public sealed class SqliteDeliveryLogTests : IDisposable
{
    private readonly TempDatabase _db = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));

    public void Dispose() => _db.Dispose();

    private SqliteDeliveryLog NewLog() => new(new SqliteQueueOptions { Path = _db.Path }, _time);

    [Fact]
    public async Task Records_a_delivery_once_per_forge()
    {
        var log = NewLog();
        Assert.True(await log.TryRecordAsync("github", "abc"));
        Assert.False(await log.TryRecordAsync("github", "abc"));
        Assert.False(await NewLog().TryRecordAsync("github", "abc"));
        Assert.True(await log.TryRecordAsync("gitlab", "abc"));
    }

    [Fact]
    public async Task Forget_lets_the_same_delivery_be_recorded_again()
    {
        var log = NewLog();
        Assert.True(await log.TryRecordAsync("github", "abc"));
        await log.ForgetAsync("github", "abc");
        await log.ForgetAsync("github", "never-seen");
        Assert.True(await log.TryRecordAsync("github", "abc"));
    }

    [Fact]
    public async Task Deliveries_older_than_the_retention_are_pruned()
    {
        var log = NewLog();
        Assert.True(await log.TryRecordAsync("github", "old"));
        _time.Advance(TimeSpan.FromDays(3));
        Assert.False(await log.TryRecordAsync("github", "old"));
        _time.Advance(TimeSpan.FromDays(5));
        Assert.True(await log.TryRecordAsync("github", "new"));
        Assert.True(await log.TryRecordAsync("github", "old"));
    }

    [Fact]
    public async Task Hostile_delivery_ids_are_stored_as_given()
    {
        var log = NewLog();
        string[] ids =
        [
            new string('x', 100 * 1024),
            "a'b\"c",
            "'; DROP TABLE deliveries; --",
            "nul\0inside",
            "nul\0INSIDE",
            "\0",
            "",
        ];
        foreach (var id in ids)
        {
            Assert.True(await log.TryRecordAsync("github", id), id.Length > 40 ? "long id" : id);
        }

        foreach (var id in ids)
        {
            Assert.False(await log.TryRecordAsync("github", id));
        }

        Assert.True(await log.TryRecordAsync("github", "nul"));
        Assert.True(await log.TryRecordAsync("github", new string('x', 100 * 1024 - 1)));
    }
}
