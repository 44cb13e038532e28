using System.Collections.Concurrent;

namespace KernelPrBot.GitHub.Auth;

/// <summary>
/// Installation tokens, one per installation, reused until five minutes before they expire (GitHub gives an
/// hour). Concurrent jobs of one installation share one refresh.
/// </summary>
public sealed class InstallationTokenCache(Func<long, CancellationToken, Task<(string Token, DateTimeOffset ExpiresAt)>> mint, TimeProvider time)
{
    private static readonly TimeSpan Margin = TimeSpan.FromMinutes(5);
    private readonly ConcurrentDictionary<long, Lazy<Task<(string Token, DateTimeOffset ExpiresAt)>>> _tokens = new();

    public int Mints { get; private set; }

    public async Task<string> GetAsync(long installationId, CancellationToken cancellationToken)
    {
        while (true)
        {
            var entry = _tokens.GetOrAdd(installationId, id => new Lazy<Task<(string, DateTimeOffset)>>(() => MintAsync(id, cancellationToken)));
            try
            {
                var (token, expiresAt) = await entry.Value.ConfigureAwait(false);
                if (expiresAt - Margin > time.GetUtcNow())
                {
                    return token;
                }
            }
            catch (Exception) when (!cancellationToken.IsCancellationRequested)
            {
                _tokens.TryRemove(new KeyValuePair<long, Lazy<Task<(string, DateTimeOffset)>>>(installationId, entry));
                throw;
            }

            _tokens.TryRemove(new KeyValuePair<long, Lazy<Task<(string, DateTimeOffset)>>>(installationId, entry));
        }
    }

    private Task<(string Token, DateTimeOffset ExpiresAt)> MintAsync(long installationId, CancellationToken cancellationToken)
    {
        Mints++;
        return mint(installationId, cancellationToken);
    }
}
