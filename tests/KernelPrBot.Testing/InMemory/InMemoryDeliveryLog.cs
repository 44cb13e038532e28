using System.Collections.Concurrent;
using KernelPrBot.Review.Ports;

namespace KernelPrBot.Testing.InMemory;

/// <summary>The delivery ids ingress has seen, in memory: the same record-then-forget contract as the durable logs.</summary>
public sealed class InMemoryDeliveryLog : IDeliveryLog
{
    private readonly ConcurrentDictionary<(string Forge, string DeliveryId), bool> _seen = new();

    public Task<bool> TryRecordAsync(string forge, string deliveryId, CancellationToken cancellationToken = default) =>
        Task.FromResult(_seen.TryAdd((forge, deliveryId), true));

    public Task ForgetAsync(string forge, string deliveryId, CancellationToken cancellationToken = default)
    {
        _seen.TryRemove((forge, deliveryId), out _);
        return Task.CompletedTask;
    }
}
