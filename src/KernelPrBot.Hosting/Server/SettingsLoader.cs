using KernelPrBot.Hosting.Queues;
using KernelPrBot.Hosting.Settings;
using Microsoft.Extensions.Configuration;

namespace KernelPrBot.Hosting.Server;

/// <summary>Reads <see cref="KernelPrBotSettings"/> the way the server does: appsettings.json, environment, command line.</summary>
public static class SettingsLoader
{
    public static KernelPrBotSettings Load(IReadOnlyList<string> commandLine)
    {
        var configuration = new ConfigurationBuilder()
            .SetBasePath(Directory.GetCurrentDirectory())
            .AddJsonFile("appsettings.json", optional: true)
            .AddEnvironmentVariables()
            .AddCommandLine(commandLine.ToArray())
            .Build();
        return configuration.GetSection(KernelPrBotSettings.Section).Get<KernelPrBotSettings>() ?? new KernelPrBotSettings();
    }

    /// <summary>What the server cannot run without, said before it starts rather than at the first webhook.</summary>
    public static IReadOnlyList<string> Problems(KernelPrBotSettings settings)
    {
        var problems = new List<string>();
        var github = settings.GitHub.UsesApp || !string.IsNullOrEmpty(settings.GitHub.Token);
        if (!github && !settings.GitLab.IsConfigured)
        {
            problems.Add("no forge credentials: set KernelPrBot:GitHub:AppId and PrivateKeyPath (or KernelPrBot:GitHub:Token), or KernelPrBot:GitLab:Token");
        }

        if (github && string.IsNullOrEmpty(settings.GitHub.WebhookSecret))
        {
            problems.Add("KernelPrBot:GitHub:WebhookSecret is not set: every GitHub delivery would be refused");
        }

        if (settings.GitLab.IsConfigured && string.IsNullOrEmpty(settings.GitLab.WebhookSecret))
        {
            problems.Add("KernelPrBot:GitLab:WebhookSecret is not set: every GitLab delivery would be refused");
        }

        if (settings.GitLab.IsConfigured && (!Uri.TryCreate(settings.GitLab.Url, UriKind.Absolute, out var gitlab) || gitlab.Scheme is not ("http" or "https")))
        {
            problems.Add($"KernelPrBot:GitLab:Url '{settings.GitLab.Url}' is not an http(s) URL");
        }

        if (settings.GitHub.PrivateKeyPath is { } key && !File.Exists(key))
        {
            problems.Add($"KernelPrBot:GitHub:PrivateKeyPath {key}: no such file");
        }

        if (!Uri.TryCreate(settings.GitHub.ApiUrl, UriKind.Absolute, out var api) || api.Scheme is not ("http" or "https"))
        {
            problems.Add($"KernelPrBot:GitHub:ApiUrl '{settings.GitHub.ApiUrl}' is not an http(s) URL");
        }

        if (!QueueKinds.IsSqlite(settings.Queue.Kind) && !QueueKinds.IsAzure(settings.Queue.Kind))
        {
            problems.Add($"KernelPrBot:Queue:Kind '{settings.Queue.Kind}': use {QueueKinds.Sqlite} or {QueueKinds.Azure}");
        }

        if (QueueKinds.IsAzure(settings.Queue.Kind) && string.IsNullOrWhiteSpace(settings.Queue.ConnectionString) && !settings.Queue.UsesServiceUris)
        {
            problems.Add("KernelPrBot:Queue:ConnectionString is not set: the azure queue needs a storage connection string, or QueueServiceUri and TableServiceUri with a managed identity");
        }

        problems.AddRange(settings.Llm.Problems());
        return problems;
    }
}
