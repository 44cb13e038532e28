using Azure;
using Azure.Data.Tables;
using KernelPrBot.Review.Ports;

namespace KernelPrBot.Hosting.Queues.Azure;

/// <summary>
/// Webhook delivery ids in an Azure Table (<c>deliveries</c>): PartitionKey the forge, RowKey the encoded id
/// (<see cref="TableKey"/>). Recording is an insert, so of two instances racing on one delivery exactly one wins.
/// Tables have no expiry: a storage lifecycle job or <see cref="PruneAsync"/> removes old rows.
/// </summary>
public sealed class AzureDeliveryLog : IDeliveryLog
{
    private readonly TableClient _table;
    private readonly OnceAsync _created;

    public AzureDeliveryLog(AzureQueueOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _table = options.Table();
        _created = new OnceAsync(() => _table.CreateIfNotExistsAsync());
    }

    public async Task<bool> TryRecordAsync(string forge, string deliveryId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(forge);
        ArgumentNullException.ThrowIfNull(deliveryId);
        await _created.EnsureAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await _table.AddEntityAsync(new TableEntity(TableKey.Encode(forge), TableKey.Encode(deliveryId)), cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (RequestFailedException ex) when (StorageErrors.IsConflict(ex))
        {
            return false;
        }
    }

    public async Task ForgetAsync(string forge, string deliveryId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(forge);
        ArgumentNullException.ThrowIfNull(deliveryId);
        await _created.EnsureAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await _table.DeleteEntityAsync(TableKey.Encode(forge), TableKey.Encode(deliveryId), ETag.All, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException ex) when (StorageErrors.IsNotFound(ex))
        {
            // Already gone: forgetting is idempotent.
        }
    }

    /// <summary>Deletes rows recorded before <paramref name="cutoff"/>; returns how many. GitHub redelivers for 3 days, so a week's rows suffice.</summary>
    public async Task<int> PruneAsync(DateTimeOffset cutoff, CancellationToken cancellationToken = default)
    {
        await _created.EnsureAsync(cancellationToken).ConfigureAwait(false);
        var deleted = 0;
        var old = _table.QueryAsync<TableEntity>(e => e.Timestamp < cutoff, select: ["PartitionKey", "RowKey"], cancellationToken: cancellationToken);
        await foreach (var entity in old.ConfigureAwait(false))
        {
            try
            {
                await _table.DeleteEntityAsync(entity.PartitionKey, entity.RowKey, ETag.All, cancellationToken).ConfigureAwait(false);
                deleted++;
            }
            catch (RequestFailedException ex) when (StorageErrors.IsNotFound(ex))
            {
                // Pruned by another instance meanwhile.
            }
        }

        return deleted;
    }
}
