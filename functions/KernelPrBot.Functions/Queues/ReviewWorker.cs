using Azure.Storage.Queues.Models;
using KernelPrBot.Hosting.Queues.Azure;
using KernelPrBot.Hosting.Settings;
using KernelPrBot.Hosting.Workers;
using Microsoft.Azure.Functions.Worker;

namespace KernelPrBot.Functions.Queues;

/// <summary>
/// One review per message of <c>review-requests</c>, through the same runner as the server's worker pool. The
/// runtime retries a failure and moves it to <c>review-requests-poison</c> after host.json's maxDequeueCount; on
/// that last dequeue the runner first marks the pull request's status as errored.
/// </summary>
public sealed class ReviewWorker(ReviewRunner runner, KernelPrBotSettings settings)
{
    [Function(nameof(ReviewWorker))]
    public Task RunAsync(
        [QueueTrigger(AzureQueueOptions.DefaultQueueName, Connection = FunctionsComposition.StorageConnection)] QueueMessage message,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        // Queue:MaxAttempts (default 5) must equal host.json's extensions.queues.maxDequeueCount.
        return runner.RunQueuedAsync(message.Body.ToString(), message.DequeueCount, settings.Queue.MaxAttempts, cancellationToken);
    }
}
