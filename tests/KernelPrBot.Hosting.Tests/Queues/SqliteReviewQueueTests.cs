using KernelPrBot.Hosting.Queues;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace KernelPrBot.Hosting.Tests.Queues;

public sealed class SqliteReviewQueueTests : IDisposable
{
    private readonly TempDatabase _db = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));

    public void Dispose() => _db.Dispose();

    private SqliteReviewQueue NewQueue(int maxAttempts = 5, string? path = null) =>
        new(new SqliteQueueOptions { Path = path ?? _db.Path, VisibilityTimeout = TimeSpan.FromMinutes(5), MaxAttempts = maxAttempts }, _time);

    [Fact]
    public async Task Dequeues_in_enqueue_order_and_returns_null_when_empty()
    {
        var queue = NewQueue();
        for (var i = 1; i <= 3; i++)
        {
            await queue.EnqueueAsync(Requests.Pr(i));
        }

        for (var i = 1; i <= 3; i++)
        {
            var item = await queue.TryDequeueAsync();
            Assert.NotNull(item);
            Assert.Equal(i, item.Request.Number);
            Assert.Equal(1, item.Attempt);
            Assert.Equal(5, item.MaxAttempts);
            Assert.Equal(Requests.Pr(i), item.Request);
        }

        Assert.Null(await queue.TryDequeueAsync());
    }

    [Fact]
    public async Task A_leased_item_is_invisible_until_the_timeout_then_returns_with_its_attempt_count()
    {
        var queue = NewQueue();
        await queue.EnqueueAsync(Requests.Pr(1));
        var first = await queue.TryDequeueAsync();
        Assert.NotNull(first);

        _time.Advance(TimeSpan.FromMinutes(5) - TimeSpan.FromMilliseconds(1));
        Assert.Null(await queue.TryDequeueAsync());

        _time.Advance(TimeSpan.FromMilliseconds(1));
        var second = await queue.TryDequeueAsync();
        Assert.NotNull(second);
        Assert.Equal(first.MessageId, second.MessageId);
        Assert.NotEqual(first.Receipt, second.Receipt);
        Assert.Equal(2, second.Attempt);
    }

    [Fact]
    public async Task A_late_worker_cannot_complete_or_fail_an_item_that_was_leased_again()
    {
        var queue = NewQueue();
        await queue.EnqueueAsync(Requests.Pr(1));
        var stale = await queue.TryDequeueAsync();
        _time.Advance(TimeSpan.FromMinutes(6));
        var current = await queue.TryDequeueAsync();
        Assert.NotNull(stale);
        Assert.NotNull(current);

        await queue.CompleteAsync(stale);
        Assert.False(await queue.FailAsync(stale, "late", TimeSpan.Zero));
        _time.Advance(TimeSpan.FromMinutes(6));
        var again = await queue.TryDequeueAsync();
        Assert.NotNull(again);
        Assert.Equal(3, again.Attempt);

        await queue.CompleteAsync(again);
        _time.Advance(TimeSpan.FromMinutes(6));
        Assert.Null(await queue.TryDequeueAsync());
    }

    [Fact]
    public async Task A_failed_item_comes_back_after_its_retry_delay()
    {
        var queue = NewQueue();
        await queue.EnqueueAsync(Requests.Pr(1));
        var item = await queue.TryDequeueAsync();
        Assert.NotNull(item);

        Assert.False(await queue.FailAsync(item, "forge 502", TimeSpan.FromSeconds(30)));
        Assert.Null(await queue.TryDequeueAsync());
        _time.Advance(TimeSpan.FromSeconds(30));
        var retry = await queue.TryDequeueAsync();
        Assert.NotNull(retry);
        Assert.Equal(2, retry.Attempt);
    }

    [Fact]
    public async Task The_last_failed_attempt_moves_the_item_to_the_dead_letters_with_the_reason()
    {
        var queue = NewQueue(maxAttempts: 3);
        await queue.EnqueueAsync(Requests.Pr(7));
        var deadLettered = false;
        for (var attempt = 1; attempt <= 3; attempt++)
        {
            var item = await queue.TryDequeueAsync();
            Assert.NotNull(item);
            Assert.Equal(attempt, item.Attempt);
            Assert.Equal(attempt == 3, item.IsLastAttempt);
            deadLettered = await queue.FailAsync(item, "boom " + attempt, TimeSpan.Zero);
        }

        Assert.True(deadLettered);
        Assert.Null(await queue.TryDequeueAsync());
        var letter = Assert.Single(await queue.ListAsync());
        Assert.Equal(7, letter.Request.Number);
        Assert.Equal(3, letter.Attempts);
        Assert.Equal("boom 3", letter.Reason);
        Assert.Equal(_time.GetUtcNow(), letter.FailedAt);
    }

    [Fact]
    public async Task An_item_whose_last_lease_expired_is_dead_lettered_instead_of_leased_again()
    {
        var queue = NewQueue(maxAttempts: 2);
        await queue.EnqueueAsync(Requests.Pr(1));
        for (var i = 0; i < 2; i++)
        {
            Assert.NotNull(await queue.TryDequeueAsync());
            _time.Advance(TimeSpan.FromMinutes(6)); // the worker died
        }

        Assert.Null(await queue.TryDequeueAsync());
        var letter = Assert.Single(await queue.ListAsync());
        Assert.Equal(2, letter.Attempts);
        Assert.Contains("expired", letter.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Requeue_puts_dead_letters_back_with_a_fresh_attempt_count()
    {
        var queue = NewQueue(maxAttempts: 1);
        await queue.EnqueueAsync(Requests.Pr(1));
        await queue.EnqueueAsync(Requests.Pr(2));
        await queue.EnqueueAsync(Requests.Pr(3));
        for (var i = 0; i < 3; i++)
        {
            var item = await queue.TryDequeueAsync();
            Assert.NotNull(item);
            Assert.True(await queue.FailAsync(item, "no", TimeSpan.Zero));
        }

        var letters = await queue.ListAsync();
        Assert.Equal(3, letters.Count);

        Assert.Equal(1, await queue.RequeueAsync(letters[1].MessageId));
        Assert.Equal(0, await queue.RequeueAsync("no-such-id"));
        var one = await queue.TryDequeueAsync();
        Assert.NotNull(one);
        Assert.Equal(letters[1].MessageId, one.MessageId);
        Assert.Equal(1, one.Attempt);
        Assert.Null(await queue.TryDequeueAsync());

        Assert.Equal(2, await queue.RequeueAsync(null));
        Assert.Empty(await queue.ListAsync());
        Assert.NotNull(await queue.TryDequeueAsync());
        Assert.NotNull(await queue.TryDequeueAsync());
    }

    [Fact]
    public async Task A_row_that_is_not_a_review_request_is_dead_lettered_and_the_next_item_is_served()
    {
        var queue = NewQueue();
        await queue.EnqueueAsync(Requests.Pr(1));
        await queue.EnqueueAsync(Requests.Pr(2));
        await using (var connection = new SqliteConnection($"Data Source={_db.Path}"))
        {
            await connection.OpenAsync();
            using var corrupt = connection.CreateCommand();
            corrupt.CommandText = "UPDATE queue SET body = '{\"forge\":\"Nope\",' WHERE id = (SELECT MIN(id) FROM queue);";
            Assert.Equal(1, await corrupt.ExecuteNonQueryAsync());
        }

        var item = await queue.TryDequeueAsync();
        Assert.NotNull(item);
        Assert.Equal(2, item.Request.Number);
        Assert.Empty(await queue.ListAsync());
        var unreadable = Assert.Single(await queue.ListUnreadableAsync());
        Assert.StartsWith("unreadable message", unreadable.Reason, StringComparison.Ordinal);
        Assert.Equal(0, await queue.RequeueAsync(null));
    }

    [Fact]
    public async Task Survives_a_new_instance_on_the_same_file()
    {
        await NewQueue().EnqueueAsync(Requests.Pr(1));
        var leased = await NewQueue().TryDequeueAsync();
        Assert.NotNull(leased);

        // The "restarted process" sees the lease of the dead one expire and keeps the attempt count.
        var restarted = NewQueue(path: _db.OtherSpelling);
        Assert.Null(await restarted.TryDequeueAsync());
        _time.Advance(TimeSpan.FromMinutes(5));
        var again = await restarted.TryDequeueAsync();
        Assert.NotNull(again);
        Assert.Equal(2, again.Attempt);
    }

    [Fact]
    public async Task Stores_hostile_text_unchanged()
    {
        var queue = NewQueue();
        var hostile = Requests.Pr(1) with
        {
            Repository = "o'; DROP TABLE queue; --\"\0x",
            DeliveryId = new string('\'', 50_000) + "\0" + new string('"', 50_000),
            CommandText = "/kpb review \u202e\ud83d\ude00",
        };
        await queue.EnqueueAsync(hostile);
        var item = await queue.TryDequeueAsync();
        Assert.NotNull(item);
        Assert.Equal(hostile, item.Request);
    }
}
