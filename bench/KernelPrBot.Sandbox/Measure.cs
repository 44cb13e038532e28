using System.Diagnostics;
using System.Globalization;
using KernelPrBot.Checks.Analysis;
using KernelPrBot.Checks.Config;
using KernelPrBot.Checks.Patches;
using KernelPrBot.Checks.Source;
using KernelPrBot.Review.Analysis;
using KernelPrBot.Review.Jobs;
using KernelPrBot.Review.Model;
using KernelPrBot.Testing;
using KernelPrBot.Testing.FakeGitHub;

namespace KernelPrBot.Sandbox;

/// <summary>
/// <c>measure</c>: ingress latency and throughput against <c>/healthz</c> on the same server (the baseline), and the
/// bot-side time of a 1,000-line pull request against the fake GitHub, against the analysis alone.
/// </summary>
internal static class Measure
{
    public static async Task<int> RunAsync(string[] args, TextWriter output)
    {
        var deliveries = Option(args, "--deliveries", 2000);
        var prRuns = Option(args, "--pr-runs", 5);
        await IngressAsync(deliveries, output);
        await PullRequestAsync(prRuns, "0", output);
        await PullRequestAsync(Math.Max(1, prRuns / 2), "1", output);
        return 0;
    }

    private static async Task IngressAsync(int count, TextWriter output)
    {
        await using var github = await FakeGitHubServer.StartAsync(new FakeGitHubOptions { ValidateAgainstOpenApi = false });
        await using var bot = await LocalBot.StartAsync(github, "--KernelPrBot:Queue:Workers=0");
        var repo = github.AddRepository("acme", "linux");
        var pr = repo.OpenPullRequest(1, "t", "jane", new Dictionary<string, string> { ["a.c"] = "int a;\n" },
            [new FakeCommit("x", "J", "j@example.org", new Dictionary<string, string?> { ["a.c"] = "int b;\n" })]);
        var prepared = Enumerable.Range(0, count * 2 + 200).Select(_ => GitHubWebhooks.PullRequest("opened", repo, pr, BotSettings.WebhookSecret)).ToArray();
        using var http = new HttpClient();
        var health = new Uri(bot.Url, "healthz");
        var next = 0;

        for (var i = 0; i < 200; i++)
        {
            (await GitHubWebhooks.PostAsync(http, bot.Webhooks, prepared[next++])).Dispose();
            (await http.GetAsync(health)).Dispose();
        }

        var ingress = new List<double>();
        var baseline = new List<double>();
        for (var i = 0; i < count; i++)
        {
            var clock = Stopwatch.StartNew();
            using (var response = await GitHubWebhooks.PostAsync(http, bot.Webhooks, prepared[next++]))
            {
                if ((int)response.StatusCode != 202)
                {
                    throw new InvalidOperationException($"ingress answered {(int)response.StatusCode}");
                }
            }

            ingress.Add(clock.Elapsed.TotalMilliseconds);
            clock.Restart();
            (await http.GetAsync(health)).Dispose();
            baseline.Add(clock.Elapsed.TotalMilliseconds);
        }

        output.WriteLine($"ingress, sequential, {count} signed pull_request deliveries (verify, map, de-duplicate, enqueue in SQLite):");
        output.WriteLine($"  p50 {Percentile(ingress, 50):F2} ms, p99 {Percentile(ingress, 99):F2} ms; /healthz p50 {Percentile(baseline, 50):F2} ms, p99 {Percentile(baseline, 99):F2} ms; ratio p99 {Percentile(ingress, 99) / Percentile(baseline, 99):F1}x");

        var concurrent = await ThroughputAsync(8, count, i => GitHubWebhooks.PostAsync(http, bot.Webhooks, prepared[next + i]));
        var healthRate = await ThroughputAsync(8, count, _ => http.GetAsync(health));
        output.WriteLine($"  8 concurrent senders: {concurrent:F0} deliveries/s; /healthz {healthRate:F0} requests/s; ratio {healthRate / concurrent:F1}x");
    }

    private static async Task<double> ThroughputAsync(int senders, int count, Func<int, Task<HttpResponseMessage>> send)
    {
        var clock = Stopwatch.StartNew();
        var index = -1;
        await Task.WhenAll(Enumerable.Range(0, senders).Select(async _ =>
        {
            int i;
            while ((i = Interlocked.Increment(ref index)) < count)
            {
                (await send(i)).Dispose();
            }
        }));
        return count / clock.Elapsed.TotalSeconds;
    }

    private static async Task PullRequestAsync(int runs, string writeIntervalSeconds, TextWriter output)
    {
        var (baseText, headText, source) = ThousandLines();
        const string path = "drivers/mmc/host/sdhci.c";
        await using var github = await FakeGitHubServer.StartAsync();
        await using var bot = await LocalBot.StartAsync(github, "--KernelPrBot:Queue:Workers=1", $"--KernelPrBot:Http:MinWriteInterval=00:00:0{writeIntervalSeconds}");
        var repo = github.AddRepository("acme", "linux");
        using var http = new HttpClient();
        var times = new List<double>();
        var calls = new List<int>();
        // Each run's head differs by a comment: check runs belong to commits, and the fake's commit ids follow content.
        for (var run = 0; run < runs + 1; run++)
        {
            var pr = repo.OpenPullRequest(100 + run, "mmc: sdhci: 1,000 lines", "jane", new Dictionary<string, string> { [path] = baseText },
                [new FakeCommit("mmc: sdhci: bring back the tuning code\n\nSigned-off-by: Jane Developer <jane@example.org>\n", "Jane Developer", "jane@example.org",
                    new Dictionary<string, string?> { [path] = headText + $"/* run {run} */\n" })]);
            var before = github.Requests.Count;
            var clock = Stopwatch.StartNew();
            (await GitHubWebhooks.PostAsync(http, bot.Webhooks, GitHubWebhooks.PullRequest("opened", repo, pr, BotSettings.WebhookSecret))).Dispose();
            await Demo.WaitForCheckAsync(repo, pr);
            if (run > 0)
            {
                times.Add(clock.Elapsed.TotalMilliseconds);
                calls.Add(github.Requests.Count - before);
            }
        }

        var analysis = AnalysisOnly(path, baseText, headText, runs);
        output.WriteLine($"1,000-line pull request ({source}), webhook to completed check run, min write interval {writeIntervalSeconds} s, {runs} runs:");
        output.WriteLine($"  median {Percentile(times, 50):F0} ms ({calls.Max()} GitHub API calls); analysis alone median {analysis:F0} ms; ratio {Percentile(times, 50) / analysis:F1}x; OpenAPI violations {github.Violations.Count}");
    }

    private static double AnalysisOnly(string path, string baseText, string headText, int runs)
    {
        var diff = PatchBuilder.Diff(path, baseText, headText);
        var change = new Change
        {
            Forge = ForgeKind.GitHub,
            Repository = "acme/linux",
            Number = 1,
            BaseSha = "b",
            HeadSha = "h",
            Commits = [new ChangeCommit("h", "Jane Developer", "jane@example.org", null, "mmc: sdhci: x\n\nSigned-off-by: Jane Developer <jane@example.org>\n")],
            Files = [new ChangedFile(path, null, ChangedFileStatus.Modified, diff[diff.IndexOf("@@", StringComparison.Ordinal)..])],
        };
        var times = new List<double>();
        for (var i = 0; i < runs + 1; i++)
        {
            var clock = Stopwatch.StartNew();
            var built = ChangeSeries.Build(change);
            var images = new Dictionary<(int, string), FileImages> { [(built.DiffPatchIndex, path)] = new(PatchText.SplitLines(baseText), PatchText.SplitLines(headText)) };
            _ = ChangeAnalyzer.Run(built, images, CheckConfig.Empty, new ReviewEnvironment());
            if (i > 0)
            {
                times.Add(clock.Elapsed.TotalMilliseconds);
            }
        }

        return Percentile(times, 50);
    }

    /// <summary>Lines 1,001–2,000 of the kernel's sdhci.c added back to it, or a generated driver when the tree is absent.</summary>
    private static (string Base, string Head, string Source) ThousandLines()
    {
        var real = KernelTree.Path is { } tree ? Path.Combine(tree, "drivers/mmc/host/sdhci.c") : null;
        if (real is not null && File.Exists(real))
        {
            var lines = File.ReadAllLines(real);
            var head = string.Join('\n', lines) + "\n";
            var baseText = string.Join('\n', lines.Take(1000).Concat(lines.Skip(2000))) + "\n";
            return (baseText, head, "sdhci.c lines 1,001-2,000 of Linux 6.12");
        }

        var generated = string.Concat(Enumerable.Range(0, 50).Select(i => string.Create(CultureInfo.InvariantCulture, $$"""
            static int acme_op{{i}}(struct acme_priv *priv, unsigned int len)
            {
            	unsigned long flags;
            	int ret = 0;

            	spin_lock_irqsave(&priv->lock, flags);
            	priv->rx_len = len + {{i}};
            	if (!priv->rx_buf)
            		ret = -ENOMEM;
            	spin_unlock_irqrestore(&priv->lock, flags);
            	if (ret)
            		return ret;
            	priv->rx_len -= {{i}};
            	return 0;
            }
            /* op {{i}} */
            /* --- */
            /* --- */
            /* --- */

            """)));
        return (SampleDriver.Base, SampleDriver.Base + generated, "generated driver code");
    }

    private static double Percentile(List<double> values, int percent)
    {
        var sorted = values.Order().ToList();
        return sorted[Math.Clamp((int)Math.Ceiling(percent / 100.0 * sorted.Count) - 1, 0, sorted.Count - 1)];
    }

    private static int Option(string[] args, string name, int fallback)
    {
        var at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length && int.TryParse(args[at + 1], CultureInfo.InvariantCulture, out var value) ? value : fallback;
    }
}
