namespace KernelPrBot.Sandbox;

/// <summary>A webhook delivery of either forge, posted the way that forge posts it.</summary>
internal sealed record ChaosDelivery(Func<HttpClient, Uri, Task<HttpResponseMessage>> PostAsync);
