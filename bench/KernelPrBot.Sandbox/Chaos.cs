using System.Diagnostics;
using System.Globalization;
using KernelPrBot.Testing.FakeGitHub;
using Microsoft.Data.Sqlite;

namespace KernelPrBot.Sandbox;

/// <summary>
/// <c>chaos</c>: pull requests on several installations, hundreds of webhook deliveries (opens, pushes, duplicates,
/// <c>/kpb recheck</c>) to <c>kernel-pr-bot serve</c> in a child process, while the fake GitHub fails a share of all
/// requests and the process is SIGKILLed and restarted on the same queue. Then the pull requests are checked.
/// </summary>
internal static class Chaos
{
    private const string Secret = BotSettings.WebhookSecret;

    public static async Task<int> RunAsync(string[] args, TextWriter output)
    {
        var events = (int)Option(args, "--events", 200);
        var rate = Option(args, "--fault-rate", 0.2);
        var kills = (int)Option(args, "--kills", 3);
        var seed = (int)Option(args, "--seed", 1);
        var random = new Random(seed);
        var clock = Stopwatch.StartNew();

        await using var github = await FakeGitHubServer.StartAsync();
        var prs = Plan(github, events);
        var total = prs.Sum(p => p.Steps.Count);
        var queuePath = Path.Combine(Path.GetTempPath(), $"kpb-chaos-{Guid.NewGuid():N}.db");
        var logPath = Path.ChangeExtension(queuePath, ".log");
        await using var log = new StreamWriter(logPath) { AutoFlush = true };
        github.Faults.FailRandomly(rate, seed, TimeSpan.FromSeconds(3));

        var bot = await ChaosBot.StartAsync(github, queuePath, log);
        var killAt = Enumerable.Range(total / 5, total - total / 5).OrderBy(_ => random.Next()).Take(kills).ToHashSet();
        using var http = new HttpClient();
        var sent = 0;
        var steps = 0;
        var pending = prs.Where(p => p.Steps.Count > 0).ToList();
        while (pending.Count > 0)
        {
            var pr = pending[random.Next(pending.Count)];
            foreach (var delivery in pr.Steps.Dequeue()())
            {
                using var response = await GitHubWebhooks.PostAsync(http, bot.Webhooks, delivery);
                sent++;
            }

            pending.RemoveAll(p => p.Steps.Count == 0);
            if (killAt.Contains(++steps))
            {
                await Task.Delay(random.Next(500, 3000));
                bot.Kill();
                bot.Dispose();
                output.WriteLine($"{clock.Elapsed.TotalSeconds,6:F1} s  SIGKILL after {sent} deliveries, restarting on the same queue");
                bot = await ChaosBot.StartAsync(github, queuePath, log);
            }

            await Task.Delay(random.Next(0, 40));
        }

        output.WriteLine($"{clock.Elapsed.TotalSeconds,6:F1} s  {sent} deliveries sent; waiting for the queue to drain");
        var drained = await DrainAsync(github, queuePath, TimeSpan.FromMinutes(15));
        bot.Dispose();
        output.WriteLine($"{clock.Elapsed.TotalSeconds,6:F1} s  {(drained ? "drained" : "NOT drained after 15 min")}; bot log {logPath}");

        var report = await ChaosInvariants.CheckAsync(github, prs, queuePath, sent);
        report.Print(output, clock.Elapsed);
        return drained && report.Holds ? 0 : 1;
    }

    /// <summary>Pull requests over three installations until the plan has <paramref name="events"/> deliveries.</summary>
    private static List<ChaosPullRequest> Plan(FakeGitHubServer github, int events)
    {
        var repos = new[] { ("acme", "linux", 11L), ("acme", "net-next", 12L), ("globex", "linux", 13L) }
            .Select(r => github.AddRepository(r.Item1, r.Item2, r.Item3)).ToArray();
        var prs = new List<ChaosPullRequest>();
        for (var i = 0; prs.Sum(p => p.Steps.Count) < events; i++)
        {
            var repo = repos[i % repos.Length];
            var number = 100 + i;
            var buggy = i % 4 != 3;
            var tag = $"{repo.FullName} {number}";
            var pr = repo.OpenPullRequest(number, $"net: acme: rx buffer {i}", "jane",
                new Dictionary<string, string> { [SampleDriver.DriverPath] = SampleDriver.Base + $"/* base {tag} */\n" },
                [new FakeCommit(SampleDriver.AddMessage, "Jane Developer", "jane@example.org",
                    new Dictionary<string, string?> { [SampleDriver.DriverPath] = ChaosPullRequest.Driver(buggy, tag) })]);
            var c = new ChaosPullRequest(repo, pr, buggy);
            var opened = GitHubWebhooks.PullRequest("opened", repo, pr, Secret);
            c.Steps.Enqueue(() => i % 3 == 0 ? [opened, opened] : [opened]);
            if (i % 2 == 0)
            {
                c.Steps.Enqueue(() =>
                {
                    // A push flips the head: the fix for a buggy PR, a regression for a clean one.
                    c.Buggy = !c.Buggy;
                    repo.Push(pr, new FakeCommit(c.Buggy ? SampleDriver.AddMessage : SampleDriver.FixMessage, "Jane Developer", "jane@example.org",
                        new Dictionary<string, string?> { [SampleDriver.DriverPath] = ChaosPullRequest.Driver(c.Buggy, tag + " v2") }));
                    return [GitHubWebhooks.PullRequest("synchronize", repo, pr, Secret)];
                });
            }

            if (i % 3 == 1)
            {
                c.Steps.Enqueue(() =>
                {
                    var comment = repo.AddIssueComment(number, "jane", "/kpb recheck");
                    return [GitHubWebhooks.IssueComment(repo, number, comment, "jane", "/kpb recheck", Secret)];
                });
            }

            prs.Add(c);
        }

        return prs;
    }

    /// <summary>Drained: the queue table is empty and the fake has seen no request for 3 s.</summary>
    private static async Task<bool> DrainAsync(FakeGitHubServer github, string queuePath, TimeSpan limit)
    {
        var deadline = DateTime.UtcNow + limit;
        while (DateTime.UtcNow < deadline)
        {
            await Task.Delay(500);
            var requests = github.Requests;
            var last = requests.Count > 0 ? requests[^1] : null;
            if (last is not null && DateTimeOffset.UtcNow - (last.Time + last.Duration) < TimeSpan.FromSeconds(3))
            {
                continue;
            }

            await using var db = new SqliteConnection($"Data Source={queuePath};Mode=ReadOnly");
            await db.OpenAsync();
            await using var count = db.CreateCommand();
            count.CommandText = "SELECT COUNT(*) FROM queue";
            if (Convert.ToInt64(await count.ExecuteScalarAsync(), CultureInfo.InvariantCulture) == 0)
            {
                return true;
            }
        }

        return false;
    }

    private static double Option(string[] args, string name, double fallback)
    {
        var at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length && double.TryParse(args[at + 1], CultureInfo.InvariantCulture, out var value) ? value : fallback;
    }
}
