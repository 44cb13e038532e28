using KernelPrBot.Review.Model;
using KernelPrBot.Review.Ports;
using Microsoft.Data.Sqlite;

namespace KernelPrBot.Hosting.Queues;

/// <summary>
/// The self-hosted server's durable review queue and its dead letters, in one SQLite file. Safe for many
/// workers in one process and for several processes on one file: every lease is one atomic UPDATE, and
/// completing or failing an item only acts while the caller's receipt is still the item's receipt. A readable dead
/// letter comes with a pending failure report (<see cref="IFailureReports"/>) until it is shown on its pull request.
/// </summary>
public sealed class SqliteReviewQueue : IReviewWorkQueue, IDeadLetterStore, ILeaseRenewal, IFailureReports
{
    private readonly SqliteDatabase _database;
    private readonly SqliteQueueOptions _options;
    private readonly TimeProvider _time;

    public SqliteReviewQueue(SqliteQueueOptions options, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxAttempts, 1);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(options.VisibilityTimeout, TimeSpan.Zero);
        _options = options;
        _database = new SqliteDatabase(options.Path);
        _time = time ?? TimeProvider.System;
    }

    public async Task EnqueueAsync(ReviewRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var body = ReviewRequestJson.Serialize(request);
        var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            await InsertAsync(connection, NewMessageId(), body, Now(), cancellationToken).ConfigureAwait(false);
        }
    }

    public async Task<QueuedReview?> TryDequeueAsync(CancellationToken cancellationToken = default)
    {
        var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            while (true)
            {
                var lease = await LeaseOldestAsync(connection, cancellationToken).ConfigureAwait(false);
                if (lease is null)
                {
                    return null;
                }

                var (messageId, receipt, body, attempt) = lease.Value;
                // An item that went past its last attempt without being failed belonged to workers that died
                // (possibly because of this item); leasing it again could crash the next one too.
                if (attempt > _options.MaxAttempts)
                {
                    await DeadLetterAsync(connection, messageId, receipt, TryRead(body), attempt - 1, "the lease of its last attempt expired without a result", cancellationToken).ConfigureAwait(false);
                    continue;
                }

                ReviewRequest request;
                try
                {
                    request = ReviewRequestJson.Deserialize(body);
                }
                catch (Exception ex) when (ex is FormatException or NotSupportedException or ArgumentException)
                {
                    await DeadLetterAsync(connection, messageId, receipt, null, attempt, "unreadable message: " + ex.Message, cancellationToken).ConfigureAwait(false);
                    continue;
                }

                return new QueuedReview(messageId, receipt, request, attempt, _options.MaxAttempts);
            }
        }
    }

    public async Task CompleteAsync(QueuedReview item, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(item);
        var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = connection.CreateCommand();
            // A review that completed shows the pull request's current state: an older failure of it still waiting
            // to be shown would now be wrong, so it goes (even when this lease was lost: the review did finish).
            command.CommandText = """
                DELETE FROM queue WHERE message_id = $id AND receipt = $receipt;
                DELETE FROM failure_reports WHERE pr_key = $pr;
                """;
            command.Parameters.AddWithValue("$id", item.MessageId);
            command.Parameters.AddWithValue("$receipt", item.Receipt);
            command.Parameters.AddWithValue("$pr", PullRequestKey(item.Request));
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public async Task<bool> FailAsync(QueuedReview item, string reason, TimeSpan retryAfter, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(item);
        ArgumentNullException.ThrowIfNull(reason);
        var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            // The attempt count in the row is the truth; the caller's copy may come from an older lease.
            using var select = connection.CreateCommand();
            select.CommandText = "SELECT attempt FROM queue WHERE message_id = $id AND receipt = $receipt;";
            select.Parameters.AddWithValue("$id", item.MessageId);
            select.Parameters.AddWithValue("$receipt", item.Receipt);
            var found = await select.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
            if (found is not long attempt)
            {
                return false;
            }

            if (attempt >= _options.MaxAttempts)
            {
                return await DeadLetterAsync(connection, item.MessageId, item.Receipt, item.Request, (int)attempt, reason, cancellationToken).ConfigureAwait(false);
            }

            using var update = connection.CreateCommand();
            update.CommandText = "UPDATE queue SET receipt = NULL, visible_at = $visible WHERE message_id = $id AND receipt = $receipt;";
            update.Parameters.AddWithValue("$visible", Now() + (long)Math.Max(0, retryAfter.TotalMilliseconds));
            update.Parameters.AddWithValue("$id", item.MessageId);
            update.Parameters.AddWithValue("$receipt", item.Receipt);
            await update.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            return false;
        }
    }

    /// <summary>Keeps a long job's item invisible for another visibility timeout. Returns false when the lease was lost.</summary>
    public async Task<bool> ExtendLeaseAsync(QueuedReview item, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(item);
        var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = connection.CreateCommand();
            command.CommandText = "UPDATE queue SET visible_at = $visible WHERE message_id = $id AND receipt = $receipt;";
            command.Parameters.AddWithValue("$visible", Now() + (long)_options.VisibilityTimeout.TotalMilliseconds);
            command.Parameters.AddWithValue("$id", item.MessageId);
            command.Parameters.AddWithValue("$receipt", item.Receipt);
            return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
        }
    }

    public async Task<QueuedReview?> RenewAsync(QueuedReview item, CancellationToken cancellationToken = default) =>
        await ExtendLeaseAsync(item, cancellationToken).ConfigureAwait(false) ? item : null;

    public async Task<PendingFailureReport?> ClaimAsync(TimeSpan lease, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(lease, TimeSpan.Zero);
        var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            while (true)
            {
                var now = Now();
                using var claim = connection.CreateCommand();
                // One statement, so two workers (or processes) never claim the same report.
                claim.CommandText = """
                    UPDATE failure_reports SET due_at = $until, tries = tries + 1
                    WHERE message_id = (SELECT message_id FROM failure_reports WHERE due_at <= $now ORDER BY due_at, message_id LIMIT 1)
                    RETURNING message_id, tries;
                    """;
                claim.Parameters.AddWithValue("$now", now);
                claim.Parameters.AddWithValue("$until", now + (long)lease.TotalMilliseconds);
                string messageId;
                int tries;
                var reader = await claim.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                await using (reader.ConfigureAwait(false))
                {
                    if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                    {
                        return null;
                    }

                    (messageId, tries) = (reader.GetString(0), reader.GetInt32(1));
                }

                using var letter = connection.CreateCommand();
                letter.CommandText = "SELECT body, reason FROM dead_letters WHERE message_id = $id AND readable = 1;";
                letter.Parameters.AddWithValue("$id", messageId);
                var letterReader = await letter.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                await using (letterReader.ConfigureAwait(false))
                {
                    if (await letterReader.ReadAsync(cancellationToken).ConfigureAwait(false))
                    {
                        return new PendingFailureReport(messageId, ReviewRequestJson.Deserialize(letterReader.GetString(0)), letterReader.GetString(1), tries, _options.MaxReportTries);
                    }
                }

                // Its dead letter was sent back (requeued) meanwhile: nothing left to report.
                await DeleteReportAsync(connection, messageId, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    public async Task<bool> SettleAsync(PendingFailureReport report, bool shown, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(report);
        if (!shown && report.Try < report.MaxTries)
        {
            return false; // Claimable again when its lease runs out.
        }

        var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            await DeleteReportAsync(connection, report.MessageId, cancellationToken).ConfigureAwait(false);
            return true;
        }
    }

    public async Task<IReadOnlyList<DeadLetter>> ListAsync(CancellationToken cancellationToken = default)
    {
        var letters = new List<DeadLetter>();
        foreach (var (messageId, body, attempts, reason, failedAt) in await ReadDeadLettersAsync(readable: true, cancellationToken).ConfigureAwait(false))
        {
            letters.Add(new DeadLetter(messageId, ReviewRequestJson.Deserialize(body), attempts, reason, failedAt));
        }

        return letters;
    }

    /// <summary>Dead letters whose text is not a review request (see <see cref="UnreadableDeadLetter"/>).</summary>
    public async Task<IReadOnlyList<UnreadableDeadLetter>> ListUnreadableAsync(CancellationToken cancellationToken = default)
    {
        var letters = new List<UnreadableDeadLetter>();
        foreach (var (messageId, body, _, reason, failedAt) in await ReadDeadLettersAsync(readable: false, cancellationToken).ConfigureAwait(false))
        {
            letters.Add(new UnreadableDeadLetter(messageId, body, reason, failedAt));
        }

        return letters;
    }

    public async Task<int> RequeueAsync(string? messageId, CancellationToken cancellationToken = default)
    {
        var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var transaction = connection.BeginTransaction();
            await using (transaction.ConfigureAwait(false))
            {
                var filter = messageId is null ? "readable = 1" : "readable = 1 AND message_id = $id";
                using var move = connection.CreateCommand();
                // A new row id puts the item at the back of the queue; attempt 0 gives it a fresh count.
                move.CommandText = $"""
                    INSERT INTO queue (message_id, body, enqueued_at, visible_at, receipt, attempt)
                    SELECT message_id, body, $now, $now, NULL, 0 FROM dead_letters WHERE {filter} ORDER BY failed_at;
                    """;
                move.Parameters.AddWithValue("$now", Now());
                using var delete = connection.CreateCommand();
                delete.CommandText = $"DELETE FROM dead_letters WHERE {filter};";
                if (messageId is not null)
                {
                    move.Parameters.AddWithValue("$id", messageId);
                    delete.Parameters.AddWithValue("$id", messageId);
                }

                // A job sent back is not a failure any more: its report, if still pending, goes with it.
                using var dropReports = connection.CreateCommand();
                dropReports.CommandText = $"DELETE FROM failure_reports WHERE message_id IN (SELECT message_id FROM dead_letters WHERE {filter});";
                if (messageId is not null)
                {
                    dropReports.Parameters.AddWithValue("$id", messageId);
                }

                await move.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                await dropReports.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                var moved = await delete.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                return moved;
            }
        }
    }

    private async Task<(string MessageId, string Receipt, string Body, int Attempt)?> LeaseOldestAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
        var now = Now();
        var receipt = Guid.NewGuid().ToString("N");
        using var command = connection.CreateCommand();
        // One statement, so the pick and the lease are atomic against every other connection and process.
        command.CommandText = """
            UPDATE queue SET receipt = $receipt, visible_at = $invisibleUntil, attempt = attempt + 1
            WHERE id = (SELECT id FROM queue WHERE visible_at <= $now ORDER BY id LIMIT 1)
            RETURNING message_id, body, attempt;
            """;
        command.Parameters.AddWithValue("$receipt", receipt);
        command.Parameters.AddWithValue("$invisibleUntil", now + (long)_options.VisibilityTimeout.TotalMilliseconds);
        command.Parameters.AddWithValue("$now", now);
        var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await using (reader.ConfigureAwait(false))
        {
            if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                return null;
            }

            return (reader.GetString(0), receipt, reader.GetString(1), reader.GetInt32(2));
        }
    }

    /// <summary>Moves a leased item to the dead letters; <paramref name="request"/> is its body read, or null when unreadable.</summary>
    private async Task<bool> DeadLetterAsync(SqliteConnection connection, string messageId, string receipt, ReviewRequest? request, int attempts, string reason, CancellationToken cancellationToken)
    {
        var transaction = connection.BeginTransaction();
        await using (transaction.ConfigureAwait(false))
        {
            using var select = connection.CreateCommand();
            select.CommandText = "SELECT body FROM queue WHERE message_id = $id AND receipt = $receipt;";
            select.Parameters.AddWithValue("$id", messageId);
            select.Parameters.AddWithValue("$receipt", receipt);
            if (await select.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is not string body)
            {
                return false;
            }

            var readable = request is not null;
            using var move = connection.CreateCommand();
            // An unreadable body names no pull request, so there is nothing to report on.
            move.CommandText = """
                INSERT OR REPLACE INTO dead_letters (message_id, body, attempts, reason, failed_at, readable)
                VALUES ($id, $body, $attempts, $reason, $now, $readable);
                DELETE FROM queue WHERE message_id = $id;
                """ + (readable ? "INSERT OR REPLACE INTO failure_reports (message_id, pr_key, due_at, tries) VALUES ($id, $pr, $now, 0);" : string.Empty);
            move.Parameters.AddWithValue("$id", messageId);
            move.Parameters.AddWithValue("$body", body);
            move.Parameters.AddWithValue("$attempts", attempts);
            move.Parameters.AddWithValue("$reason", reason);
            move.Parameters.AddWithValue("$now", Now());
            move.Parameters.AddWithValue("$readable", readable ? 1 : 0);
            move.Parameters.AddWithValue("$pr", request is null ? string.Empty : PullRequestKey(request));
            await move.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            return true;
        }
    }

    private async Task<List<(string MessageId, string Body, int Attempts, string Reason, DateTimeOffset FailedAt)>> ReadDeadLettersAsync(bool readable, CancellationToken cancellationToken)
    {
        var rows = new List<(string, string, int, string, DateTimeOffset)>();
        var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT message_id, body, attempts, reason, failed_at FROM dead_letters WHERE readable = $readable ORDER BY failed_at, message_id;";
            command.Parameters.AddWithValue("$readable", readable ? 1 : 0);
            var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await using (reader.ConfigureAwait(false))
            {
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    rows.Add((reader.GetString(0), reader.GetString(1), reader.GetInt32(2), reader.GetString(3), DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(4))));
                }
            }
        }

        return rows;
    }

    private static async Task DeleteReportAsync(SqliteConnection connection, string messageId, CancellationToken cancellationToken)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "DELETE FROM failure_reports WHERE message_id = $id;";
        command.Parameters.AddWithValue("$id", messageId);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private static async Task InsertAsync(SqliteConnection connection, string messageId, string body, long now, CancellationToken cancellationToken)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "INSERT INTO queue (message_id, body, enqueued_at, visible_at, attempt) VALUES ($id, $body, $now, $now, 0);";
        command.Parameters.AddWithValue("$id", messageId);
        command.Parameters.AddWithValue("$body", body);
        command.Parameters.AddWithValue("$now", now);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private static ReviewRequest? TryRead(string body)
    {
        try
        {
            return ReviewRequestJson.Deserialize(body);
        }
        catch (Exception ex) when (ex is FormatException or NotSupportedException or ArgumentException)
        {
            return null;
        }
    }

    private static string PullRequestKey(ReviewRequest request) => $"{request.Forge}:{request.Repository}#{request.Number}";

    private static string NewMessageId() => Guid.NewGuid().ToString("N");

    private long Now() => _time.GetUtcNow().ToUnixTimeMilliseconds();
}
