using KernelPrBot.Hosting.Queues;
using KernelPrBot.Review.Ports;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace KernelPrBot.Hosting.Tests.Queues;

/// <summary>
/// A dead letter comes with a pending failure report in the same transaction, so that a process killed between
/// dead-lettering and reporting leaves the report for the next worker instead of losing it.
/// </summary>
public sealed class SqliteFailureReportTests : IDisposable
{
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(2);
    private readonly TempDatabase _db = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));

    public void Dispose() => _db.Dispose();

    private SqliteReviewQueue NewQueue(int maxAttempts = 1, string? path = null) =>
        new(new SqliteQueueOptions { Path = path ?? _db.Path, VisibilityTimeout = TimeSpan.FromMinutes(5), MaxAttempts = maxAttempts, MaxReportTries = 3 }, _time);

    private static async Task DeadLetterAsync(SqliteReviewQueue queue, int number, string reason = "HttpRequestException: 502")
    {
        await queue.EnqueueAsync(Requests.Pr(number));
        var item = await queue.TryDequeueAsync();
        Assert.NotNull(item);
        Assert.True(await queue.FailAsync(item, reason, TimeSpan.Zero));
    }

    [Fact]
    public async Task A_dead_letter_leaves_one_report_that_one_claim_gets_and_showing_it_ends_it()
    {
        var queue = NewQueue();
        await DeadLetterAsync(queue, 7);

        var report = await queue.ClaimAsync(Lease);
        Assert.NotNull(report);
        Assert.Equal(Requests.Pr(7), report.Request);
        Assert.Equal("HttpRequestException: 502", report.Reason);
        Assert.Equal(1, report.Try);
        Assert.Null(await queue.ClaimAsync(Lease)); // claimed: not handed out twice

        Assert.True(await queue.SettleAsync(report, shown: true));
        _time.Advance(Lease * 2);
        Assert.Null(await queue.ClaimAsync(Lease));
        Assert.Single(await queue.ListAsync()); // the dead letter itself stays
    }

    [Fact]
    public async Task A_claim_that_is_never_settled_comes_back_when_its_lease_runs_out()
    {
        await DeadLetterAsync(NewQueue(), 7);
        var killed = await NewQueue().ClaimAsync(Lease); // the process that claimed it dies here
        Assert.NotNull(killed);

        var restarted = NewQueue();
        _time.Advance(Lease - TimeSpan.FromMilliseconds(1));
        Assert.Null(await restarted.ClaimAsync(Lease));
        _time.Advance(TimeSpan.FromMilliseconds(1));
        var again = await restarted.ClaimAsync(Lease);
        Assert.NotNull(again);
        Assert.Equal((killed.MessageId, 2), (again.MessageId, again.Try));
    }

    [Fact]
    public async Task A_report_the_forge_keeps_refusing_is_given_up_after_its_last_try()
    {
        var queue = NewQueue();
        await DeadLetterAsync(queue, 7);
        for (var expected = 1; expected <= 3; expected++)
        {
            var report = await queue.ClaimAsync(Lease);
            Assert.NotNull(report);
            Assert.Equal(expected, report.Try);
            Assert.Equal(expected == 3, await queue.SettleAsync(report, shown: false));
            _time.Advance(Lease);
        }

        Assert.Null(await queue.ClaimAsync(Lease));
        Assert.Single(await queue.ListAsync());
    }

    [Fact]
    public async Task A_job_whose_worker_died_on_its_last_attempt_gets_a_report_too()
    {
        var queue = NewQueue(maxAttempts: 2);
        await queue.EnqueueAsync(Requests.Pr(3));
        for (var i = 0; i < 2; i++)
        {
            Assert.NotNull(await queue.TryDequeueAsync());
            _time.Advance(TimeSpan.FromMinutes(6)); // the worker died
        }

        Assert.Null(await queue.TryDequeueAsync());
        var report = await queue.ClaimAsync(Lease);
        Assert.NotNull(report);
        Assert.Equal(3, report.Request.Number);
        Assert.Contains("expired", report.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_later_review_of_the_same_pull_request_that_completes_drops_its_pending_report()
    {
        var queue = NewQueue(maxAttempts: 1);
        await DeadLetterAsync(queue, 7);
        await DeadLetterAsync(queue, 8);

        await queue.EnqueueAsync(Requests.Pr(7, deliveryId: "recheck"));
        var later = await queue.TryDequeueAsync();
        Assert.NotNull(later);
        await queue.CompleteAsync(later); // the recheck finished: #7 shows its current state now

        var report = await queue.ClaimAsync(Lease);
        Assert.NotNull(report);
        Assert.Equal(8, report.Request.Number);
        Assert.Null(await queue.ClaimAsync(Lease));
        Assert.Equal(2, (await queue.ListAsync()).Count); // the dead letters themselves stay
    }

    [Fact]
    public async Task Requeueing_a_dead_letter_drops_its_pending_report()
    {
        var queue = NewQueue();
        await DeadLetterAsync(queue, 1);
        await DeadLetterAsync(queue, 2);
        var two = (await queue.ListAsync()).Single(d => d.Request.Number == 2);

        Assert.Equal(1, await queue.RequeueAsync(two.MessageId));

        var report = await queue.ClaimAsync(Lease);
        Assert.NotNull(report);
        Assert.Equal(1, report.Request.Number);
        Assert.Null(await queue.ClaimAsync(Lease));
    }

    [Fact]
    public async Task An_unreadable_row_is_dead_lettered_without_a_report()
    {
        var queue = NewQueue();
        await queue.EnqueueAsync(Requests.Pr(1));
        await using (var connection = new SqliteConnection($"Data Source={_db.Path}"))
        {
            await connection.OpenAsync();
            using var corrupt = connection.CreateCommand();
            corrupt.CommandText = "UPDATE queue SET body = 'not json';";
            Assert.Equal(1, await corrupt.ExecuteNonQueryAsync());
        }

        Assert.Null(await queue.TryDequeueAsync());
        Assert.Single(await queue.ListUnreadableAsync());
        Assert.Null(await queue.ClaimAsync(Lease));
    }

    [Fact]
    public async Task Two_processes_claiming_at_once_share_the_reports_without_overlap()
    {
        var first = NewQueue();
        for (var i = 1; i <= 20; i++)
        {
            await DeadLetterAsync(first, i);
        }

        var second = NewQueue(path: _db.OtherSpelling);
        async Task<List<PendingFailureReport>> DrainAsync(SqliteReviewQueue queue)
        {
            var claimed = new List<PendingFailureReport>();
            while (await queue.ClaimAsync(Lease) is { } report)
            {
                claimed.Add(report);
            }

            return claimed;
        }

        var both = await Task.WhenAll(Task.Run(() => DrainAsync(first)), Task.Run(() => DrainAsync(second)));
        var numbers = both.SelectMany(c => c).Select(r => r.Request.Number).Order().ToList();
        Assert.Equal(Enumerable.Range(1, 20), numbers);
    }
}
