using System.Security.Cryptography;
using System.Text;

namespace KernelPrBot.Hosting.Http;

/// <summary>
/// Sends one content-creating request (POST, PATCH, PUT, DELETE) at a time per installation, with at least
/// <see cref="ForgeResilienceOptions.MinWriteInterval"/> between the end of one and the start of the next:
/// GitHub's guidance against secondary rate limits. Reads pass straight through.
/// </summary>
internal sealed class WriteSerializingHandler(WriteGates gates, TimeSpan minInterval, TimeProvider time) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (!ForgeRetryRules.IsWrite(request.Method))
        {
            return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }

        var gate = await gates.EnterAsync(KeyOf(request), cancellationToken).ConfigureAwait(false);
        try
        {
            if (gate.LastEnd is { } lastEnd)
            {
                var pause = minInterval - time.GetElapsedTime(lastEnd);
                if (pause > TimeSpan.Zero)
                {
                    await Task.Delay(pause, time, cancellationToken).ConfigureAwait(false);
                }
            }

            return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            gate.LastEnd = time.GetTimestamp();
            gate.Lock.Release();
        }
    }

    /// <summary>The installation named by the caller, else a hash of the credentials (never the credentials themselves).</summary>
    internal static string KeyOf(HttpRequestMessage request)
    {
        if (request.Options.TryGetValue(ForgeHttpHandlers.InstallationKey, out var installation) && !string.IsNullOrEmpty(installation))
        {
            return "installation:" + installation;
        }

        var credentials = request.Headers.Authorization?.ToString()
            ?? (request.Headers.TryGetValues("PRIVATE-TOKEN", out var tokens) ? string.Join(",", tokens) : null);
        if (credentials is not null)
        {
            return "credentials:" + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(credentials)));
        }

        return "anonymous:" + request.RequestUri?.Authority;
    }
}
