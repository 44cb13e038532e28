using KernelPrBot.GitHub;
using KernelPrBot.GitHub.Api;
using KernelPrBot.GitHub.Webhooks;
using KernelPrBot.GitLab;
using KernelPrBot.GitLab.Api;
using KernelPrBot.GitLab.Webhooks;
using KernelPrBot.Hosting.Http;
using KernelPrBot.Hosting.Queues;
using KernelPrBot.Hosting.Settings;
using KernelPrBot.Hosting.Workers;
using KernelPrBot.Review.Ingress;
using KernelPrBot.Review.Jobs;
using KernelPrBot.Review.Ports;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace KernelPrBot.Hosting.Server;

/// <summary>
/// The self-hosted server (<c>kernel-pr-bot serve</c>): webhook endpoints that verify and enqueue, the durable
/// queue (SQLite by default, or Azure Storage), and the review worker pool, in one process.
/// </summary>
public static class KernelPrBotServer
{
    /// <param name="configure">Runs last before the app is built; lets a test host add, say, a log capture.</param>
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = args });
        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = GitHubIngress.MaxBodyBytes + 1);
        var settings = builder.Configuration.GetSection(KernelPrBotSettings.Section).Get<KernelPrBotSettings>() ?? new KernelPrBotSettings();
        if (SettingsLoader.Problems(settings) is { Count: > 0 } problems)
        {
            throw new InvalidOperationException(string.Join("; ", problems));
        }

        AddKernelPrBot(builder.Services, settings, ReviewEnvironmentLoader.Load(settings));
        builder.Services.AddHostedService<ReviewWorker>();
        configure?.Invoke(builder);

        var app = builder.Build();
        app.MapGet("/healthz", () => Results.Text("ok\n"));
        app.MapPost("/api/github/webhooks", WebhookEndpoint.GitHubAsync);
        app.MapPost("/api/gitlab/webhooks", WebhookEndpoint.GitLabAsync);
        return app;
    }

    /// <summary>Builds and starts the server (for example on <c>--urls=http://127.0.0.1:0</c>) and returns it with the address it bound.</summary>
    public static async Task<(WebApplication App, Uri Url)> StartAsync(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var app = Build(args, configure: configure);
        await app.StartAsync().ConfigureAwait(false);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault()
            ?? throw new InvalidOperationException("the server bound no address");
        return (app, new Uri(address.TrimEnd('/') + "/"));
    }

    /// <summary>
    /// The services every host uses: the server, <c>kernel-pr-bot replay</c> and the Functions worker. The queue
    /// (SQLite or Azure Storage) is the kind <c>KernelPrBot:Queue:Kind</c> names.
    /// </summary>
    public static IServiceCollection AddKernelPrBot(IServiceCollection services, KernelPrBotSettings settings, ReviewEnvironment environment)
    {
        services.AddSingleton(settings);
        services.AddSingleton(environment);
        services.AddSingleton(TimeProvider.System);
        services.AddReviewQueue(settings.Queue);
        services.AddSingleton<IngressQueue>();
        services.AddSingleton(s => new GitHubIngress(settings.GitHub.WebhookSecret, s.GetRequiredService<IngressQueue>()));
        services.AddSingleton(s => new GitLabIngress(settings.GitLab.WebhookSecret, s.GetRequiredService<IngressQueue>()));
        if (settings.GitHub.UsesApp || !string.IsNullOrEmpty(settings.GitHub.Token))
        {
            services.AddSingleton(s => new GitHubClients(settings.GitHub, ForgeHttpHandlers.Create(settings.Http, s.GetRequiredService<TimeProvider>())));
            services.AddSingleton(s => new GitHubCodeHost(s.GetRequiredService<GitHubClients>(), environment.Options));
            services.AddSingleton<ICodeHost>(s => s.GetRequiredService<GitHubCodeHost>());
        }

        if (settings.GitLab.IsConfigured)
        {
            services.AddSingleton(s => GitLabHttp.Create(settings.GitLab, ForgeHttpHandlers.Create(settings.Http, s.GetRequiredService<TimeProvider>())));
            services.AddSingleton(s => new GitLabCodeHost(s.GetRequiredService<GitLabClient>(), environment.Options));
            services.AddSingleton<ICodeHost>(s => s.GetRequiredService<GitLabCodeHost>());
        }

        services.AddSingleton<CodeHosts>();
        services.AddSingleton<PullRequestLocks>();
        services.AddSingleton<FailureReporting>();
        services.AddSingleton<ReviewRunner>();
        return services;
    }
}
