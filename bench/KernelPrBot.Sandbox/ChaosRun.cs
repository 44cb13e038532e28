using System.Diagnostics;
using System.Globalization;
using KernelPrBot.Hosting.Queues;
using Microsoft.Data.Sqlite;

namespace KernelPrBot.Sandbox;

/// <summary>
/// One chaos run on one forge: pull requests with their deliveries (opens, pushes, duplicates, <c>/kpb recheck</c>) to
/// <c>kernel-pr-bot serve</c> in a child process, while the fake fails a share of all requests and the process is
/// SIGKILLed and restarted on the same queue. Then the queue must drain and the pull requests pass the checks.
/// </summary>
internal static class ChaosRun
{
    /// <summary>The queue file and the bot's log go in <paramref name="directory"/>, which the caller owns.</summary>
    public static async Task<ChaosReport> RunAsync(IChaosForge forge, ChaosOptions options, string directory, TextWriter output, TimeSpan? drainLimit = null)
    {
        var random = new Random(options.Seed);
        var clock = Stopwatch.StartNew();
        var prs = forge.Plan(options.Events, options.Doomed);
        var total = prs.Sum(p => p.Steps.Count);
        var queuePath = Path.Combine(directory, $"{forge.Name}.db");
        var logPath = Path.ChangeExtension(queuePath, ".log");
        await using var log = new StreamWriter(logPath) { AutoFlush = true };
        forge.Faults.FailRandomly(options.FaultRate, options.Seed, TimeSpan.FromSeconds(3));

        var bot = await ChaosBot.StartAsync(forge, queuePath, log);
        var limit = drainLimit ?? TimeSpan.FromMinutes(15);
        var sent = 0;
        bool drained;
        try
        {
            var killAt = Enumerable.Range(total / 5, total - total / 5).OrderBy(_ => random.Next()).Take(options.Kills).ToHashSet();
            using var http = new HttpClient();
            var steps = 0;
            var pending = prs.Where(p => p.Steps.Count > 0).ToList();
            while (pending.Count > 0)
            {
                var pr = pending[random.Next(pending.Count)];
                foreach (var delivery in pr.Steps.Dequeue()())
                {
                    using var response = await delivery.PostAsync(http, bot.Webhooks);
                    sent++;
                }

                pending.RemoveAll(p => p.Steps.Count == 0);
                if (killAt.Contains(++steps))
                {
                    await Task.Delay(random.Next(500, 3000));
                    bot.Dispose();
                    output.WriteLine($"{clock.Elapsed.TotalSeconds,6:F1} s  {forge.Name}: SIGKILL after {sent} deliveries, restarting on the same queue");
                    bot = await ChaosBot.StartAsync(forge, queuePath, log);
                }

                await Task.Delay(random.Next(0, 40));
            }

            output.WriteLine($"{clock.Elapsed.TotalSeconds,6:F1} s  {forge.Name}: {sent} deliveries sent; waiting for the queue to drain");
            drained = await DrainAsync(forge, queuePath, limit);
        }
        finally
        {
            bot.Dispose(); // also when a delivery or a restart throws: no server outlives the run
        }

        output.WriteLine($"{clock.Elapsed.TotalSeconds,6:F1} s  {forge.Name}: {(drained ? "drained" : $"NOT drained after {limit.TotalSeconds:F0} s")}; bot log {logPath}");

        var dead = await new SqliteReviewQueue(new SqliteQueueOptions { Path = queuePath }).ListAsync();
        var report = new ChaosReport(forge.Name);
        report.Must("queue drained", drained ? "yes" : "no", drained);
        ChaosChecks.Add(forge, prs, dead, sent, report);
        forge.Check(prs, dead, report);
        report.Must("requests the real forge would reject (fake's violations)", forge.Violations.Count);
        foreach (var violation in forge.Violations.Take(10))
        {
            report.Problem(violation);
        }

        report.Wall = clock.Elapsed;
        return report;
    }

    /// <summary>Drained: no job queued, no failure report pending, and the fake has seen no request for 3 s.</summary>
    private static async Task<bool> DrainAsync(IChaosForge forge, string queuePath, TimeSpan limit)
    {
        var deadline = DateTime.UtcNow + limit;
        while (DateTime.UtcNow < deadline)
        {
            await Task.Delay(500);
            var requests = forge.Requests;
            var last = requests.Count > 0 ? requests[^1] : null;
            if (last is not null && DateTimeOffset.UtcNow - (last.Time + last.Duration) < TimeSpan.FromSeconds(3))
            {
                continue;
            }

            await using var db = new SqliteConnection($"Data Source={queuePath};Mode=ReadOnly;Pooling=False");
            await db.OpenAsync();
            await using var count = db.CreateCommand();
            count.CommandText = "SELECT (SELECT COUNT(*) FROM queue) + (SELECT COUNT(*) FROM failure_reports)";
            if (Convert.ToInt64(await count.ExecuteScalarAsync(), CultureInfo.InvariantCulture) == 0)
            {
                return true;
            }
        }

        return false;
    }
}
