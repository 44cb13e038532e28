using KernelPrBot.Review.Model;

namespace KernelPrBot.Hosting.Workers;

/// <summary>
/// Two jobs for one pull request (an open and a quick push, or a redelivery) must not post at the same time, or
/// both would see "nothing posted yet". A fixed set of locks striped by pull request keeps them apart in this process.
/// </summary>
public sealed class PullRequestLocks
{
    private readonly SemaphoreSlim[] _stripes = Enumerable.Range(0, 64).Select(_ => new SemaphoreSlim(1, 1)).ToArray();

    public async Task<IDisposable> AcquireAsync(ReviewRequest request, CancellationToken cancellationToken)
    {
        var key = $"{request.Forge}\0{request.Repository.ToUpperInvariant()}\0{request.Number}";
        var stripe = _stripes[(int)((uint)StringComparer.Ordinal.GetHashCode(key) % (uint)_stripes.Length)];
        await stripe.WaitAsync(cancellationToken).ConfigureAwait(false);
        return new Release(stripe);
    }

    private sealed class Release(SemaphoreSlim stripe) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                stripe.Release();
            }
        }
    }
}
