using KernelPrBot.Testing.FakeGitHub;

namespace KernelPrBot.Sandbox;

/// <summary>
/// <c>demo</c>: a pull request with a sleeping allocation under a spinlock is opened on a fake GitHub, the bot
/// reviews it; then the fix is pushed and the bot updates what it posted. Prints what GitHub would show.
/// </summary>
internal static class Demo
{
    public static async Task<int> RunAsync(TextWriter output)
    {
        await using var github = await FakeGitHubServer.StartAsync();
        await using var bot = await LocalBot.StartAsync(github);
        var repo = github.AddRepository("acme", "linux", installationId: 1);
        var pr = repo.OpenPullRequest(1, "net: acme: rx buffer", "jane",
            new Dictionary<string, string> { [SampleDriver.DriverPath] = SampleDriver.Base },
            [new FakeCommit(SampleDriver.AddMessage, "Jane Developer", "jane@example.org", new Dictionary<string, string?> { [SampleDriver.DriverPath] = SampleDriver.Buggy })]);
        using var http = new HttpClient();
        output.WriteLine($"fake GitHub at {github.BaseUrl}, bot at {bot.Url}");

        await DeliverAsync(http, bot, GitHubWebhooks.PullRequest("opened", repo, pr, BotSettings.WebhookSecret), output);
        await WaitForCheckAsync(repo, pr);
        Show(repo, pr, output);

        repo.Push(pr, new FakeCommit(SampleDriver.FixMessage, "Jane Developer", "jane@example.org", new Dictionary<string, string?> { [SampleDriver.DriverPath] = SampleDriver.Fixed }));
        await DeliverAsync(http, bot, GitHubWebhooks.PullRequest("synchronize", repo, pr, BotSettings.WebhookSecret), output);
        await WaitForCheckAsync(repo, pr);
        Show(repo, pr, output);
        output.WriteLine($"{github.Requests.Count} GitHub API calls, {github.Violations.Count} the OpenAPI description would reject");
        return github.Violations.Count == 0 ? 0 : 1;
    }

    private static async Task DeliverAsync(HttpClient http, LocalBot bot, WebhookDelivery delivery, TextWriter output)
    {
        using var response = await GitHubWebhooks.PostAsync(http, bot.Webhooks, delivery);
        output.WriteLine($"\n==> {delivery.Event} delivery {delivery.DeliveryId}: {(int)response.StatusCode} {(await response.Content.ReadAsStringAsync()).Trim()}");
    }

    internal static async Task WaitForCheckAsync(FakeRepository repo, FakePullRequest pr, int seconds = 120)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (!repo.CheckRuns().Any(r => r.HeadSha == pr.HeadSha && r.Status == "completed"))
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"no completed check run for {pr.HeadSha}");
            }

            await Task.Delay(20);
        }
    }

    private static void Show(FakeRepository repo, FakePullRequest pr, TextWriter output)
    {
        var run = repo.CheckRuns().Where(r => r.HeadSha == pr.HeadSha).MaxBy(r => r.Id)!;
        output.WriteLine($"check run '{run.Name}': {run.Conclusion} — {run.Output?.Title} ({run.Annotations.Count} annotations)");
        foreach (var a in run.Annotations)
        {
            output.WriteLine($"  annotation {a.Path}:{a.StartLine} [{a.AnnotationLevel}] {a.Title}");
        }

        output.WriteLine($"labels: {string.Join(", ", repo.Labels(pr.Number))}");
        foreach (var c in repo.ReviewComments(pr.Number))
        {
            output.WriteLine($"inline comment {c.Path}:{c.Line}: {c.Body.Split('\n')[0]}");
        }

        foreach (var c in repo.IssueComments(pr.Number))
        {
            output.WriteLine($"--- comment {c.Id} by {c.User.Login} ---");
            output.WriteLine(c.Body);
        }
    }
}
