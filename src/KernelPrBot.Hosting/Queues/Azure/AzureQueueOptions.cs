using Azure.Data.Tables;
using Azure.Storage.Queues;

namespace KernelPrBot.Hosting.Queues.Azure;

/// <summary>Settings of the Azure Storage review queue and delivery log (configuration section <c>KernelPrBot:Queue</c>).</summary>
public sealed class AzureQueueOptions
{
    /// <summary>The queue the Functions worker is triggered by; dead letters go to <c>review-requests-poison</c>, as the Functions runtime names them.</summary>
    public const string DefaultQueueName = "review-requests";

    public const string DefaultDeliveryTable = "deliveries";

    /// <summary>A storage connection string (<c>UseDevelopmentStorage=true</c> or an Azurite endpoint locally).</summary>
    /// <summary>A storage connection string (keys or SAS, or Azurite's); when absent the service URIs and <see cref="Credential"/> are used.</summary>
    public string? ConnectionString { get; init; }

    /// <summary>The account's queue endpoint, for identity-based access (accounts without shared keys).</summary>
    public Uri? QueueServiceUri { get; init; }

    public Uri? TableServiceUri { get; init; }

    /// <summary>The identity used with the service URIs (a managed identity in Azure).</summary>
    public global::Azure.Core.TokenCredential? Credential { get; init; }

    internal QueueClient Queue(string name, QueueClientOptions options) =>
        !string.IsNullOrWhiteSpace(ConnectionString) ? new QueueClient(ConnectionString, name, options)
        : QueueServiceUri is not null && Credential is not null ? new QueueClient(new Uri(QueueServiceUri, name), Credential, options)
        : throw new InvalidOperationException("the azure queue needs a connection string, or a queue service URI and a credential");

    internal TableClient Table() =>
        !string.IsNullOrWhiteSpace(ConnectionString) ? new TableClient(ConnectionString, DeliveryTable)
        : TableServiceUri is not null && Credential is not null ? new TableClient(TableServiceUri, DeliveryTable, Credential)
        : throw new InvalidOperationException("the delivery log needs a connection string, or a table service URI and a credential");

    public string QueueName { get; init; } = DefaultQueueName;

    public string PoisonQueueName => QueueName + "-poison";

    public string DeliveryTable { get; init; } = DefaultDeliveryTable;

    /// <summary>How long a dequeued message stays invisible; a worker that dies holds it no longer than this.</summary>
    public TimeSpan VisibilityTimeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Dequeues before a message moves to the poison queue (host.json's <c>maxDequeueCount</c> for the Functions worker).</summary>
    public int MaxAttempts { get; init; } = 5;
}
