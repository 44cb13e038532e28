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
        if (string.IsNullOrEmpty(settings.GitHub.WebhookSecret))
        {
            problems.Add("KernelPrBot:GitHub:WebhookSecret is not set: every delivery would be refused");
        }

        if (!settings.GitHub.UsesApp && string.IsNullOrEmpty(settings.GitHub.Token))
        {
            problems.Add("GitHub credentials missing: set KernelPrBot:GitHub:AppId and PrivateKeyPath, or KernelPrBot:GitHub:Token");
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

        if (QueueKinds.IsAzure(settings.Queue.Kind) && string.IsNullOrWhiteSpace(settings.Queue.ConnectionString))
        {
            problems.Add("KernelPrBot:Queue:ConnectionString is not set: the azure queue needs a storage connection string");
        }

        return problems;
    }
}
