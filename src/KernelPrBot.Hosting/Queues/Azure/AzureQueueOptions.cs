namespace KernelPrBot.Hosting.Queues.Azure;

/// <summary>Settings of the Azure Storage review queue and delivery log (configuration section <c>KernelPrBot:Queue</c>).</summary>
public sealed class AzureQueueOptions
{
    /// <summary>The queue the Functions worker is triggered by; dead letters go to <c>review-requests-poison</c>, as the Functions runtime names them.</summary>
    public const string DefaultQueueName = "review-requests";

    public const string DefaultDeliveryTable = "deliveries";

    /// <summary>A storage connection string (<c>UseDevelopmentStorage=true</c> or an Azurite endpoint locally).</summary>
    public required string ConnectionString { get; init; }

    public string QueueName { get; init; } = DefaultQueueName;

    public string PoisonQueueName => QueueName + "-poison";

    public string DeliveryTable { get; init; } = DefaultDeliveryTable;

    /// <summary>How long a dequeued message stays invisible; a worker that dies holds it no longer than this.</summary>
    public TimeSpan VisibilityTimeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Dequeues before a message moves to the poison queue (host.json's <c>maxDequeueCount</c> for the Functions worker).</summary>
    public int MaxAttempts { get; init; } = 5;
}
