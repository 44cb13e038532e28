using Azure.Storage.Queues;
using KernelPrBot.Functions.Queues;
using KernelPrBot.Functions.Webhooks;
using KernelPrBot.Hosting.Queues.Azure;
using KernelPrBot.Testing.FakeGitHub;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace KernelPrBot.Functions.Tests;

/// <summary>
/// The Functions worker's composition (the one Program.cs uses) on Azurite and a fake GitHub, with its
/// functions called directly, as the runtime would: the Functions host itself cannot run here.
/// </summary>
internal sealed class FunctionsApp : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    public FunctionsApp(FakeGitHubServer github, string storage, params string[] extra)
    {
        // The same settings the server tests use; the queue path is unused (the azure queue is chosen).
        var configuration = new ConfigurationBuilder()
            .AddCommandLine([.. BotSettings.For(github, "unused.db", extra), "--AzureWebJobsStorage=" + storage])
            .Build();
        var services = new ServiceCollection().AddLogging();
        FunctionsComposition.AddKernelPrBot(services, configuration);
        _services = services.BuildServiceProvider();
        Queue = new QueueClient(storage, AzureQueueOptions.DefaultQueueName, new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 });
        Poison = new QueueClient(storage, AzureQueueOptions.DefaultQueueName + "-poison", new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 });
    }

    /// <summary>The runtime's view of the review queue.</summary>
    public QueueClient Queue { get; }

    public QueueClient Poison { get; }

    public GitHubWebhook GitHubWebhook => ActivatorUtilities.CreateInstance<GitHubWebhook>(_services);

    public GitLabWebhook GitLabWebhook => ActivatorUtilities.CreateInstance<GitLabWebhook>(_services);

    public ReviewWorker ReviewWorker => ActivatorUtilities.CreateInstance<ReviewWorker>(_services);

    /// <summary>An HTTP request as the ASP.NET Core integration hands it to the function.</summary>
    public static HttpRequest Request(WebhookDelivery delivery) => Request("/api/github/webhooks", delivery.Body, delivery.Headers);

    public static HttpRequest Request(string path, byte[] body, IReadOnlyDictionary<string, string> headers)
    {
        var context = new DefaultHttpContext();
        context.Request.Method = "POST";
        context.Request.Path = path;
        context.Request.Body = new MemoryStream(body);
        context.Request.ContentLength = body.Length;
        foreach (var (name, value) in headers)
        {
            context.Request.Headers[name] = value;
        }

        return context.Request;
    }

    public async Task ResetQueuesAsync()
    {
        await Queue.CreateIfNotExistsAsync();
        await Poison.CreateIfNotExistsAsync();
        await Queue.ClearMessagesAsync();
        await Poison.ClearMessagesAsync();
    }

    public ValueTask DisposeAsync() => _services.DisposeAsync();
}
