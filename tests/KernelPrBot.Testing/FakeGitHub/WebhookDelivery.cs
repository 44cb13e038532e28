namespace KernelPrBot.Testing.FakeGitHub;

/// <summary>A webhook delivery as GitHub would POST it: raw body bytes plus headers (signature included).</summary>
public sealed record WebhookDelivery(string Event, string DeliveryId, byte[] Body, IReadOnlyDictionary<string, string> Headers);
