using Xunit;

namespace KernelPrBot.Testing.Azurite;

/// <summary>
/// One Azurite per test class (tests use their own queue and table names). Without Azurite the fixture stays
/// empty and <see cref="AzuriteFactAttribute"/> skips the tests, except under CI, where <see cref="Server"/> throws.
/// </summary>
public sealed class AzuriteFixture : IAsyncLifetime
{
    private AzuriteServer? _server;
    private Exception? _startFailure;

    public AzuriteServer Server => _server ?? throw new InvalidOperationException("Azurite is not running", _startFailure);

    public string ConnectionString => Server.ConnectionString;

    /// <summary>A queue or table name unique to one test: lower-case letters and digits, starting with a letter.</summary>
    public static string UniqueName(string prefix) => prefix + Guid.NewGuid().ToString("N")[..12];

    public async Task InitializeAsync()
    {
        if (AzuriteServer.Executable is null && !AzuriteServer.RequiredByCi)
        {
            return;
        }

        try
        {
            _server = await AzuriteServer.StartAsync().ConfigureAwait(false);
        }
        catch (InvalidOperationException ex)
        {
            // Reported by the first test that uses the server, with the reason.
            _startFailure = ex;
        }
    }

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync().ConfigureAwait(false);
        }
    }
}
