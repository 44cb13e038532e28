using Microsoft.Data.Sqlite;

namespace KernelPrBot.Hosting.Queues;

/// <summary>
/// Opens connections to the queue database and creates its schema on first use. Every process and every
/// instance opens its own short-lived connections; SQLite's file locks (WAL) arbitrate between them.
/// </summary>
internal sealed class SqliteDatabase
{
    // How long a statement waits for another connection's write lock before failing.
    private const int BusyTimeoutMs = 10_000;

    private readonly string _connectionString;
    private readonly Lock _initializationGate = new();
    private Task? _initialization;

    public SqliteDatabase(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            DefaultTimeout = BusyTimeoutMs / 1000,
        }.ToString();
    }

    public async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        await EnsureInitializedAsync().WaitAsync(cancellationToken).ConfigureAwait(false);

        return await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task<SqliteConnection> OpenConnectionAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            // NORMAL is safe against a killed process in WAL mode; only a power loss can drop the last commits.
            await ExecuteAsync(connection, $"PRAGMA busy_timeout = {BusyTimeoutMs}; PRAGMA synchronous = NORMAL;", cancellationToken).ConfigureAwait(false);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    // One schema creation per instance, shared by concurrent callers; a failed one is tried again next time.
    private Task EnsureInitializedAsync()
    {
        var current = Volatile.Read(ref _initialization);
        if (current is { IsCompletedSuccessfully: true })
        {
            return current;
        }

        lock (_initializationGate)
        {
            if (_initialization is null || _initialization.IsFaulted || _initialization.IsCanceled)
            {
                _initialization = Task.Run(InitializeAsync);
            }

            return _initialization;
        }
    }

    private async Task InitializeAsync()
    {
        var connection = await OpenConnectionAsync(CancellationToken.None).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            // The journal mode is stored in the file; it cannot change inside a transaction.
            await ExecuteAsync(connection, "PRAGMA journal_mode = WAL;", CancellationToken.None).ConfigureAwait(false);
            var transaction = connection.BeginTransaction();
            await using (transaction.ConfigureAwait(false))
            {
                await ExecuteAsync(connection, SqliteSchema.Create, CancellationToken.None).ConfigureAwait(false);
                await CheckVersionAsync(connection, CancellationToken.None).ConfigureAwait(false);
                await transaction.CommitAsync(CancellationToken.None).ConfigureAwait(false);
            }
        }
    }

    private static async Task CheckVersionAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
        using var select = connection.CreateCommand();
        select.CommandText = "SELECT MAX(version) FROM schema_version;";
        var found = await select.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
        if (found is null or DBNull)
        {
            using var insert = connection.CreateCommand();
            insert.CommandText = "INSERT INTO schema_version (version) VALUES ($version);";
            insert.Parameters.AddWithValue("$version", SqliteSchema.Version);
            await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        else if (Convert.ToInt64(found, System.Globalization.CultureInfo.InvariantCulture) > SqliteSchema.Version)
        {
            throw new InvalidOperationException(
                $"The queue database has schema version {found}; this build knows up to {SqliteSchema.Version}.");
        }
    }

    private static async Task ExecuteAsync(SqliteConnection connection, string sql, CancellationToken cancellationToken)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
