using KernelPrBot.Hosting.Queues;
using KernelPrBot.Hosting.Server;
using KernelPrBot.Hosting.Settings;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace KernelPrBot.Functions;

/// <summary>
/// The Functions worker's services: the server's composition (<see cref="KernelPrBotServer.AddKernelPrBot"/>) with
/// the Azure Storage queue, on the storage account the runtime's queue trigger listens to.
/// </summary>
public static class FunctionsComposition
{
    /// <summary>The runtime's own storage connection setting; the queue trigger names it too.</summary>
    public const string StorageConnection = "AzureWebJobsStorage";

    public static IServiceCollection AddKernelPrBot(IServiceCollection services, IConfiguration configuration)
    {
        var settings = Settings(configuration);
        if (SettingsLoader.Problems(settings) is { Count: > 0 } problems)
        {
            throw new InvalidOperationException(string.Join("; ", problems));
        }

        return KernelPrBotServer.AddKernelPrBot(services, settings, ReviewEnvironmentLoader.Load(settings));
    }

    public static KernelPrBotSettings Settings(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var settings = configuration.GetSection(KernelPrBotSettings.Section).Get<KernelPrBotSettings>() ?? new KernelPrBotSettings();
        var kind = configuration[$"{KernelPrBotSettings.Section}:Queue:Kind"];
        if (kind is not null && !QueueKinds.IsAzure(kind))
        {
            // Ingress would queue where no trigger listens.
            throw new InvalidOperationException($"KernelPrBot:Queue:Kind '{kind}': the Functions worker is triggered by the {QueueKinds.Azure} queue");
        }

        settings.Queue.Kind = QueueKinds.Azure;
        if (string.IsNullOrWhiteSpace(settings.Queue.ConnectionString) && !settings.Queue.UsesServiceUris)
        {
            settings.Queue.ConnectionString = configuration[StorageConnection];
        }

        return settings;
    }
}
