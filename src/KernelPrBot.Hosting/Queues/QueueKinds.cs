namespace KernelPrBot.Hosting.Queues;

/// <summary>The values of <c>KernelPrBot:Queue:Kind</c> (DESIGN.md §9).</summary>
public static class QueueKinds
{
    public const string Sqlite = "sqlite";
    public const string Azure = "azure";

    public static bool IsSqlite(string? kind) => string.Equals(kind, Sqlite, StringComparison.OrdinalIgnoreCase);

    public static bool IsAzure(string? kind) => string.Equals(kind, Azure, StringComparison.OrdinalIgnoreCase);
}
