using KernelPrBot.Hosting.Queues;
using KernelPrBot.Review.Ports;

namespace KernelPrBot.Hosting.Workers;

/// <summary>
/// Renews a job's lease while it runs, so a job slower than the visibility timeout (a big pull request, a
/// rate-limit wait) is not handed to a second worker. Queues without renewal keep their own timeout.
/// </summary>
internal sealed class LeaseKeeper : IDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private QueuedReview _item;

    public LeaseKeeper(IReviewWorkQueue queue, QueuedReview item, TimeSpan interval, TimeProvider time)
    {
        _item = item;
        _loop = queue is ILeaseRenewal renewal && interval > TimeSpan.Zero ? RenewAsync(renewal, interval, time, _stop.Token) : Task.CompletedTask;
    }

    /// <summary>Stops renewing and returns the item with its current receipt.</summary>
    public async Task<QueuedReview> StopAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        try
        {
            await _loop.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Stopping is the point.
        }

        return _item;
    }

    public void Dispose()
    {
        _stop.Cancel();
        _stop.Dispose();
    }

    private async Task RenewAsync(ILeaseRenewal renewal, TimeSpan interval, TimeProvider time, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            await Task.Delay(interval, time, cancellationToken).ConfigureAwait(false);
            try
            {
                if (await renewal.RenewAsync(_item, cancellationToken).ConfigureAwait(false) is { } renewed)
                {
                    _item = renewed;
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // A missed renewal only risks a duplicate run, which the job tolerates; keep trying.
            }
        }
    }
}
