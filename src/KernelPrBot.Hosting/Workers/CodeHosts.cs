using KernelPrBot.Review.Model;
using KernelPrBot.Review.Ports;

namespace KernelPrBot.Hosting.Workers;

/// <summary>The configured forges, by kind; a request for a forge the server has no credentials for fails clearly.</summary>
public sealed class CodeHosts(IEnumerable<ICodeHost> hosts)
{
    private readonly Dictionary<ForgeKind, ICodeHost> _hosts = hosts.ToDictionary(h => h.Forge);

    public ICodeHost For(ForgeKind forge) =>
        _hosts.TryGetValue(forge, out var host) ? host : throw new InvalidOperationException($"this server has no {forge} credentials configured");
}
