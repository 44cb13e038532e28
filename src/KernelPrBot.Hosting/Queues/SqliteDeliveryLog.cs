using KernelPrBot.Review.Ports;

namespace KernelPrBot.Hosting.Queues;

/// <summary>
/// Webhook delivery ids in the queue's SQLite file. Entries older than <see cref="Retention"/> are pruned now
/// and then: GitHub redelivers for up to 3 days, so a week is plenty.
/// </summary>
public sealed class SqliteDeliveryLog : IDeliveryLog
{
    public static readonly TimeSpan Retention = TimeSpan.FromDays(7);

    private static readonly TimeSpan PruneInterval = TimeSpan.FromHours(1);

    private readonly SqliteDatabase _database;
    private readonly TimeProvider _time;
    private long _nextPruneAt = long.MinValue;

    public SqliteDeliveryLog(SqliteQueueOptions options, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _database = new SqliteDatabase(options.Path);
        _time = time ?? TimeProvider.System;
    }

    public async Task<bool> TryRecordAsync(string forge, string deliveryId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(forge);
        ArgumentNullException.ThrowIfNull(deliveryId);
        var now = _time.GetUtcNow().ToUnixTimeMilliseconds();
        var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            if (now >= Interlocked.Read(ref _nextPruneAt))
            {
                Interlocked.Exchange(ref _nextPruneAt, now + (long)PruneInterval.TotalMilliseconds);
                using var prune = connection.CreateCommand();
                prune.CommandText = "DELETE FROM deliveries WHERE recorded_at < $cutoff;";
                prune.Parameters.AddWithValue("$cutoff", now - (long)Retention.TotalMilliseconds);
                await prune.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            using var insert = connection.CreateCommand();
            insert.CommandText = "INSERT OR IGNORE INTO deliveries (forge, delivery_id, recorded_at) VALUES ($forge, $id, $now);";
            insert.Parameters.AddWithValue("$forge", forge);
            insert.Parameters.AddWithValue("$id", deliveryId);
            insert.Parameters.AddWithValue("$now", now);
            return await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
        }
    }

    public async Task ForgetAsync(string forge, string deliveryId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(forge);
        ArgumentNullException.ThrowIfNull(deliveryId);
        var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var delete = connection.CreateCommand();
            delete.CommandText = "DELETE FROM deliveries WHERE forge = $forge AND delivery_id = $id;";
            delete.Parameters.AddWithValue("$forge", forge);
            delete.Parameters.AddWithValue("$id", deliveryId);
            await delete.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }
}
