namespace KernelPrBot.Hosting.Queues;

/// <summary>The tables of the queue database. Times are Unix milliseconds (UTC).</summary>
internal static class SqliteSchema
{
    // Tables added with CREATE TABLE IF NOT EXISTS keep the version: older builds still read the file.
    public const int Version = 1;

    public const string Create = """
        CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL);

        -- id orders the queue (oldest first); message_id survives retries and dead-lettering.
        CREATE TABLE IF NOT EXISTS queue (
            id          INTEGER PRIMARY KEY AUTOINCREMENT,
            message_id  TEXT    NOT NULL UNIQUE,
            body        TEXT    NOT NULL,
            enqueued_at INTEGER NOT NULL,
            visible_at  INTEGER NOT NULL,
            receipt     TEXT,
            attempt     INTEGER NOT NULL DEFAULT 0
        );

        CREATE TABLE IF NOT EXISTS dead_letters (
            message_id  TEXT    PRIMARY KEY,
            body        TEXT    NOT NULL,
            attempts    INTEGER NOT NULL,
            reason      TEXT    NOT NULL,
            failed_at   INTEGER NOT NULL,
            readable    INTEGER NOT NULL
        );

        -- Dead letters not yet shown on their pull request; written with the dead letter, deleted once shown, or
        -- once a later review of the same pull request (pr_key) completes and shows the current state instead.
        -- due_at is when the next worker may claim it (a claim moves it ahead by the claim's lease).
        CREATE TABLE IF NOT EXISTS failure_reports (
            message_id  TEXT    PRIMARY KEY,
            pr_key      TEXT    NOT NULL,
            due_at      INTEGER NOT NULL,
            tries       INTEGER NOT NULL DEFAULT 0
        );

        CREATE INDEX IF NOT EXISTS failure_reports_pr_key ON failure_reports (pr_key);

        CREATE TABLE IF NOT EXISTS deliveries (
            forge       TEXT    NOT NULL,
            delivery_id TEXT    NOT NULL,
            recorded_at INTEGER NOT NULL,
            PRIMARY KEY (forge, delivery_id)
        ) WITHOUT ROWID;

        CREATE INDEX IF NOT EXISTS deliveries_recorded_at ON deliveries (recorded_at);
        """;
}
