using System.Text.RegularExpressions;
using KernelPrBot.Hosting.Queues;
using KernelPrBot.Testing.FakeGitHub;

namespace KernelPrBot.Sandbox;

/// <summary>What the chaos run left on the fake GitHub and in the queue, against what one clean run per head would leave.</summary>
internal sealed partial class ChaosInvariants
{
    private const string Summary = "<!-- kernel-pr-bot:summary -->";
    private const string CouldNotFinish = "could not finish";

    private readonly List<(string Name, string Value, bool Ok)> _rows = [];
    private readonly List<string> _problems = [];

    public bool Holds => _rows.All(r => r.Ok);

    public static async Task<ChaosInvariants> CheckAsync(FakeGitHubServer github, IReadOnlyList<ChaosPullRequest> prs, string queuePath, int events)
    {
        var dead = await new SqliteReviewQueue(new SqliteQueueOptions { Path = queuePath }).ListAsync();
        var report = new ChaosInvariants();
        report.Info("events delivered", events);
        report.Info("faults injected", github.Faults.Injected);
        report.Info("retries (a failed method+path sent again)", Retries(github.Requests));
        report.Info("dead-lettered jobs", dead.Count);

        var unreported = dead.Count(d => !github.Repository(d.Request.Repository).CheckRuns().Any(r =>
            r.ExternalId == $"{d.Request.Number}:failed" && r.Conclusion == "failure" && (d.Request.HeadSha is null || r.HeadSha == d.Request.HeadSha)
            && (r.Output?.Title?.Contains(CouldNotFinish, StringComparison.Ordinal) ?? false)));
        report.Must("dead letters without a \"could not finish\" check run", unreported, $"{unreported} dead letter(s) not reported on the PR");
        report.Info("PRs checked", prs.Count);

        int duplicateSummaries = 0, duplicateComments = 0, wrongLabels = 0, lost = 0;
        foreach (var pr in prs)
        {
            var summaries = pr.Repo.IssueComments(pr.Pr.Number).Count(c => c.Body.Contains(Summary, StringComparison.Ordinal));
            duplicateSummaries += report.Count(Math.Max(0, summaries - 1), $"{pr.Name}: {summaries} summaries");
            foreach (var group in pr.Repo.ReviewComments(pr.Pr.Number).Select(c => Finding().Match(c.Body)).Where(m => m.Success)
                .GroupBy(m => m.Groups["fp"].Value).Where(g => g.Count() > 1))
            {
                duplicateComments += report.Count(group.Count() - 1, $"{pr.Name}: finding {group.Key} posted {group.Count()} times");
            }

            var runs = pr.Repo.CheckRuns().Where(r => r.HeadSha == pr.Pr.HeadSha && r.Status == "completed").ToList();
            var deadForHead = dead.Any(d => d.Request.Repository == pr.Repo.FullName && d.Request.Number == pr.Pr.Number
                && (d.Request.HeadSha is null || d.Request.HeadSha == pr.Pr.HeadSha));
            lost += report.Count(runs.Count == 0 && !deadForHead ? 1 : 0, $"{pr.Name}: head {pr.Pr.HeadSha[..7]} has no completed check run and no dead letter");
            if (runs.Any(r => r.ExternalId != $"{pr.Pr.Number}:failed"))
            {
                var atomic = pr.Repo.Labels(pr.Pr.Number).Contains("kpb: atomic");
                wrongLabels += report.Count(atomic != pr.Buggy ? 1 : 0,
                    $"{pr.Name}: head is {(pr.Buggy ? "buggy" : "clean")} but labels are [{string.Join(", ", pr.Repo.Labels(pr.Pr.Number))}]");
            }
        }

        var open = prs.Select(p => p.Repo).Distinct().SelectMany(r => r.CheckRuns().Where(c => c.Status != "completed")
            .Select(c => $"{r.FullName}: check run {c.Id} ({c.ExternalId}) on {c.HeadSha[..7]} left {c.Status}")).ToList();
        report._problems.AddRange(open);
        report.Must("duplicate summaries", duplicateSummaries, "");
        report.Must("duplicate inline comments (same finding marker)", duplicateComments, "");
        report.Must("wrong labels (kpb: atomic iff the head is buggy)", wrongLabels, "");
        report.Must("non-terminal check runs", open.Count, "");
        report.Must("lost events (head without a completed check run or dead letter)", lost, "");
        report.Info("requests the OpenAPI description would reject", github.Violations.Count);
        report._problems.AddRange(github.Violations.Take(10));
        return report;
    }

    public void Print(TextWriter output, TimeSpan wall)
    {
        output.WriteLine();
        output.WriteLine("| what | count | ok |");
        output.WriteLine("|---|---:|---|");
        foreach (var (name, value, ok) in _rows)
        {
            output.WriteLine($"| {name} | {value} | {(ok ? "" : "FAIL")} |");
        }

        output.WriteLine($"\nwall time {wall.TotalSeconds:F0} s; invariants {(Holds ? "hold" : "FAIL")}");
        foreach (var problem in _problems.Take(40))
        {
            output.WriteLine("  " + problem);
        }
    }

    /// <summary>Requests that repeat a method and path whose previous answer was a fault or a limit.</summary>
    private static int Retries(IReadOnlyList<RecordedRequest> requests)
    {
        var failed = new HashSet<string>(StringComparer.Ordinal);
        var retries = 0;
        foreach (var r in requests.OrderBy(r => r.Time))
        {
            var key = r.Method + " " + r.Path;
            if (failed.Contains(key))
            {
                retries++;
            }

            if (r.Status is 403 or 429 or >= 500)
            {
                failed.Add(key);
            }
            else
            {
                failed.Remove(key);
            }
        }

        return retries;
    }

    private void Info(string name, int value) => _rows.Add((name, value.ToString(System.Globalization.CultureInfo.InvariantCulture), true));

    private void Must(string name, int value, string problem)
    {
        _rows.Add((name, value.ToString(System.Globalization.CultureInfo.InvariantCulture), value == 0));
        if (value > 0 && problem.Length > 0)
        {
            _problems.Add(problem);
        }
    }

    private int Count(int value, string problem)
    {
        if (value > 0)
        {
            _problems.Add(problem);
        }

        return value;
    }

    [GeneratedRegex(@"<!-- kernel-pr-bot:finding (?<fp>[0-9a-zA-Z_-]{4,80})(?<resolved> resolved)? -->", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex Finding();
}
