using Azure.Identity;
using KernelPrBot.Hosting.Queues.Azure;
using KernelPrBot.Hosting.Settings;
using KernelPrBot.Review.Ports;
using Microsoft.Extensions.DependencyInjection;

namespace KernelPrBot.Hosting.Queues;

/// <summary>Registers the review queue, its dead letters and the delivery log of the kind the settings name.</summary>
public static class QueueRegistration
{
    public static IServiceCollection AddReviewQueue(this IServiceCollection services, QueueSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (QueueKinds.IsAzure(settings.Kind))
        {
            var options = new AzureQueueOptions
            {
                ConnectionString = settings.ConnectionString,
                QueueServiceUri = Uri.TryCreate(settings.QueueServiceUri, UriKind.Absolute, out var queues) ? queues : null,
                TableServiceUri = Uri.TryCreate(settings.TableServiceUri, UriKind.Absolute, out var tables) ? tables : null,

                // No key in settings: the app's managed identity (or a developer's az login) reaches the account.
                Credential = string.IsNullOrWhiteSpace(settings.ConnectionString) ? new DefaultAzureCredential() : null,
                VisibilityTimeout = settings.VisibilityTimeout,
                MaxAttempts = settings.MaxAttempts,
            };
            services.AddSingleton(s => new AzureReviewQueue(options, s.GetRequiredService<TimeProvider>()));
            services.AddSingleton<IReviewWorkQueue>(s => s.GetRequiredService<AzureReviewQueue>());
            services.AddSingleton<IReviewQueue>(s => s.GetRequiredService<AzureReviewQueue>());
            services.AddSingleton<IDeadLetterStore>(s => s.GetRequiredService<AzureReviewQueue>());
            services.AddSingleton<IDeliveryLog>(new AzureDeliveryLog(options));
            return services;
        }

        var sqlite = new SqliteQueueOptions
        {
            Path = settings.Path,
            VisibilityTimeout = settings.VisibilityTimeout,
            MaxAttempts = settings.MaxAttempts,
        };
        // The registered clock governs leases, retry delays and the delivery log's expiry (tests register a fake one).
        services.AddSingleton(s => new SqliteReviewQueue(sqlite, s.GetService<TimeProvider>()));
        services.AddSingleton<IReviewWorkQueue>(s => s.GetRequiredService<SqliteReviewQueue>());
        services.AddSingleton<IReviewQueue>(s => s.GetRequiredService<SqliteReviewQueue>());
        services.AddSingleton<IDeadLetterStore>(s => s.GetRequiredService<SqliteReviewQueue>());
        services.AddSingleton<IDeliveryLog>(s => new SqliteDeliveryLog(sqlite, s.GetService<TimeProvider>()));
        return services;
    }
}
