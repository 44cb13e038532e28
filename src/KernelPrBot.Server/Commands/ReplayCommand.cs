using KernelPrBot.Cli;
using KernelPrBot.GitHub;
using KernelPrBot.GitHub.Webhooks;
using KernelPrBot.Hosting.Queues;
using KernelPrBot.Hosting.Server;
using KernelPrBot.Hosting.Settings;
using KernelPrBot.Review.Jobs;
using KernelPrBot.Review.Ports;
using Microsoft.Extensions.DependencyInjection;

namespace KernelPrBot.Server.Commands;

/// <summary>
/// <c>kernel-pr-bot replay --list | --dead-letters [--id ID] | --payload FILE --event NAME</c>: show or re-drive
/// dead letters, or review a saved webhook payload as a dry run (the plan is printed, nothing is posted).
/// </summary>
public static class ReplayCommand
{
    private const long MaxPayloadBytes = 25L * 1024 * 1024;

    public static int Run(IReadOnlyList<string> args, TextWriter stdout)
    {
        var own = new Dictionary<string, string?>(StringComparer.Ordinal);
        var settingsArgs = new List<string>();
        for (var i = 0; i < args.Count; i++)
        {
            switch (args[i])
            {
                case "--list" or "--dead-letters":
                    own[args[i]] = null;
                    break;
                case "--id" or "--payload" or "--event" or "--delivery":
                    own[args[i]] = i + 1 < args.Count ? args[++i] : throw new UsageException($"{args[i]} needs a value");
                    break;
                default:
                    if (!args[i].StartsWith("--KernelPrBot:", StringComparison.OrdinalIgnoreCase))
                    {
                        throw new UsageException($"replay: unknown argument '{args[i]}'");
                    }

                    settingsArgs.Add(args[i]);
                    break;
            }
        }

        var settings = SettingsLoader.Load(settingsArgs);
        if (own.ContainsKey("--payload"))
        {
            return ReplayPayload(own, settings, stdout);
        }

        using var services = Services(settings, dryRun: false);
        var dead = services.GetRequiredService<IDeadLetterStore>();
        if (own.ContainsKey("--list"))
        {
            foreach (var letter in dead.ListAsync().GetAwaiter().GetResult())
            {
                stdout.WriteLine($"{letter.MessageId}  {letter.Request.Repository}#{letter.Request.Number}  {letter.Request.Trigger}  attempts {letter.Attempts}  {letter.FailedAt:u}  {letter.Reason}");
            }

            return ExitCodes.Clean;
        }

        if (own.ContainsKey("--dead-letters"))
        {
            var count = dead.RequeueAsync(own.GetValueOrDefault("--id")).GetAwaiter().GetResult();
            stdout.WriteLine($"re-queued {count} dead letter(s); a running server picks them up");
            return ExitCodes.Clean;
        }

        throw new UsageException("replay needs --list, --dead-letters [--id ID] or --payload FILE --event NAME");
    }

    private static int ReplayPayload(Dictionary<string, string?> own, KernelPrBotSettings settings, TextWriter stdout)
    {
        var file = own["--payload"]!;
        var eventName = own.GetValueOrDefault("--event") ?? throw new UsageException("--payload needs --event NAME (the X-GitHub-Event of the delivery)");
        if (!File.Exists(file))
        {
            throw new UsageException($"--payload {file}: no such file");
        }

        if (new FileInfo(file).Length > MaxPayloadBytes)
        {
            throw new UsageException($"--payload {file}: larger than 25 MB, GitHub never sends such a payload");
        }

        var body = File.ReadAllBytes(file);
        var delivery = own.GetValueOrDefault("--delivery") ?? "replay-" + Guid.NewGuid().ToString("N");
        Review.Model.ReviewRequest? request;
        string why;
        try
        {
            (request, why) = GitHubEventMapping.MapAsync(eventName, delivery, body).GetAwaiter().GetResult();
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            throw new UsageException($"--payload {file}: not a usable {eventName} payload ({ex.GetType().Name}: {ex.Message})");
        }

        if (request is null)
        {
            stdout.WriteLine($"nothing to review: {why}");
            return ExitCodes.Clean;
        }

        if (SettingsLoader.Problems(settings).FirstOrDefault(p => p.StartsWith("no forge credentials", StringComparison.Ordinal)) is { } problem)
        {
            throw new UsageException(problem);
        }

        using var services = Services(settings, dryRun: true);
        var job = new ReviewJob(services.GetRequiredService<GitHubCodeHost>(), services.GetRequiredService<ReviewEnvironment>());
        var outcome = job.RunAsync(request).GetAwaiter().GetResult();
        stdout.WriteLine(outcome.Message);
        return ExitCodes.Clean;
    }

    private static ServiceProvider Services(KernelPrBotSettings settings, bool dryRun)
    {
        settings.Review.DryRun |= dryRun;
        var environment = ReviewEnvironmentLoader.Load(settings);
        var services = new ServiceCollection();
        KernelPrBotServer.AddKernelPrBot(services, settings, environment);
        return services.BuildServiceProvider();
    }
}
