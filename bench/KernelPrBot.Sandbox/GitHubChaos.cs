using System.Text.RegularExpressions;
using KernelPrBot.Hosting.Queues;
using KernelPrBot.Review.Planning;
using KernelPrBot.Review.Ports;
using KernelPrBot.Testing.FakeGitHub;

namespace KernelPrBot.Sandbox;

/// <summary>The chaos run on the fake GitHub: App installations, check runs, reviews and issue comments.</summary>
internal sealed class GitHubChaos(FakeGitHubServer github) : IChaosForge
{
    private const string Secret = Testing.FakeGitHub.BotSettings.WebhookSecret;
    private const string CouldNotFinish = "could not finish";

    private readonly Dictionary<ChaosPullRequest, (FakeRepository Repo, FakePullRequest Pr)> _targets = [];

    public string Name => "github";

    public FaultInjector Faults => github.Faults;

    public IReadOnlyList<RecordedRequest> Requests => github.Requests;

    public IReadOnlyList<string> Violations => github.Violations;

    public string WebhookPath => "api/github/webhooks";

    public static async Task<GitHubChaos> StartAsync() => new(await FakeGitHubServer.StartAsync());

    public IReadOnlyList<string> BotSettings(string queuePath) => Testing.FakeGitHub.BotSettings.For(github, queuePath);

    /// <summary>Pull requests over three installations; a doomed one answers 404 to every read of its commits.</summary>
    public IReadOnlyList<ChaosPullRequest> Plan(int events, int doomed)
    {
        var repos = new[] { ("acme", "linux", 11L), ("acme", "net-next", 12L), ("globex", "linux", 13L) }
            .Select(r => github.AddRepository(r.Item1, r.Item2, r.Item3)).ToArray();
        var prs = new List<ChaosPullRequest>();
        for (var i = 0; prs.Sum(p => p.Steps.Count) < events; i++)
        {
            var repo = repos[i % repos.Length];
            var number = 100 + i;
            var tag = $"{repo.FullName} {number}";
            var pr = repo.OpenPullRequest(number, $"net: acme: rx buffer {i}", "jane",
                new Dictionary<string, string> { [SampleDriver.DriverPath] = SampleDriver.Base + $"/* base {tag} */\n" },
                [new FakeCommit(SampleDriver.AddMessage, "Jane Developer", "jane@example.org",
                    new Dictionary<string, string?> { [SampleDriver.DriverPath] = ChaosPullRequest.Driver(i % 4 != 3, tag) })]);
            var c = new ChaosPullRequest(repo.FullName, number, i % 4 != 3, i < doomed);
            if (c.Doomed)
            {
                github.Faults.Fail("GET", $"^/repos/{Regex.Escape(repo.FullName)}/pulls/{number}/commits$", 404, int.MaxValue, body: """{"message":"Not Found"}""");
            }

            var opened = Post(GitHubWebhooks.PullRequest("opened", repo, pr, Secret));
            c.Steps.Enqueue(() => i % 3 == 0 ? [opened, opened] : [opened]);
            if (i % 2 == 0)
            {
                c.Steps.Enqueue(() =>
                {
                    // A push flips the head: the fix for a buggy PR, a regression for a clean one.
                    c.Buggy = !c.Buggy;
                    repo.Push(pr, new FakeCommit(c.Buggy ? SampleDriver.AddMessage : SampleDriver.FixMessage, "Jane Developer", "jane@example.org",
                        new Dictionary<string, string?> { [SampleDriver.DriverPath] = ChaosPullRequest.Driver(c.Buggy, tag + " v2") }));
                    return [Post(GitHubWebhooks.PullRequest("synchronize", repo, pr, Secret))];
                });
            }

            if (i % 3 == 1)
            {
                c.Steps.Enqueue(() =>
                {
                    var comment = repo.AddIssueComment(number, "jane", "/kpb recheck");
                    return [Post(GitHubWebhooks.IssueComment(repo, number, comment, "jane", "/kpb recheck", Secret))];
                });
            }

            _targets[c] = (repo, pr);
            prs.Add(c);
        }

        return prs;
    }

    /// <summary>
    /// The job's head carries a failed run "could not finish" with the reason; or the failure was still waiting to be
    /// shown when a later review of the pull request completed on that head, which then showed the current state.
    /// </summary>
    public bool Reported(ChaosPullRequest pr, DeadLetter letter)
    {
        var (repo, _) = _targets[pr];
        var onHead = repo.CheckRuns().Where(r => letter.Request.HeadSha is null || r.HeadSha == letter.Request.HeadSha).ToList();
        return onHead.Any(r => r.ExternalId == $"{pr.Number}:failed" && r.Conclusion == "failure"
            && (r.Output?.Title?.Contains(CouldNotFinish, StringComparison.Ordinal) ?? false)
            && (r.Output?.Summary?.Contains(ChaosChecks.ReasonStart(letter.Reason), StringComparison.Ordinal) ?? false))
            || onHead.Any(r => r.Status == "completed" && r.ExternalId != $"{pr.Number}:failed" && r.CompletedAt > letter.FailedAt);
    }

    public void Check(IReadOnlyList<ChaosPullRequest> prs, IReadOnlyList<DeadLetter> dead, ChaosReport report)
    {
        int duplicateSummaries = 0, duplicateComments = 0, wrongLabels = 0, lost = 0;
        foreach (var c in prs)
        {
            var (repo, pr) = _targets[c];
            var summaries = repo.IssueComments(pr.Number).Count(x => x.Body.Contains(Markers.Summary, StringComparison.Ordinal));
            duplicateSummaries += report.Count(Math.Max(0, summaries - 1), $"{c.Name}: {summaries} summaries");
            foreach (var (fingerprint, times) in ChaosChecks.RepeatedFindings(repo.ReviewComments(pr.Number).Select(x => x.Body)))
            {
                duplicateComments += report.Count(times - 1, $"{c.Name}: finding {fingerprint} posted {times} times");
            }

            var runs = repo.CheckRuns().Where(r => r.HeadSha == pr.HeadSha && r.Status == "completed").ToList();
            var deadForHead = dead.Any(d => c.Owns(d) && (d.Request.HeadSha is null || d.Request.HeadSha == pr.HeadSha));
            lost += report.Count(runs.Count == 0 && !deadForHead ? 1 : 0, $"{c.Name}: head {pr.HeadSha[..7]} has no completed check run and no dead letter");
            if (runs.Any(r => r.ExternalId != $"{pr.Number}:failed"))
            {
                var atomic = repo.Labels(pr.Number).Contains("kpb: atomic");
                wrongLabels += report.Count(atomic != c.Buggy ? 1 : 0,
                    $"{c.Name}: head is {(c.Buggy ? "buggy" : "clean")} but labels are [{string.Join(", ", repo.Labels(pr.Number))}]");
            }
        }

        var heads = _targets.Values.Select(t => t.Pr.HeadSha).ToHashSet(StringComparer.Ordinal);
        var open = _targets.Values.Select(t => t.Repo).Distinct().SelectMany(r => r.CheckRuns().Where(x => x.Status != "completed")
            .Select(x => $"{r.FullName}: check run {x.Id} ({x.ExternalId}) on {(heads.Contains(x.HeadSha) ? "head" : "earlier head")} {x.HeadSha[..7]} left {x.Status}")).ToList();
        open.ForEach(report.Problem);
        report.Must("duplicate summaries", duplicateSummaries);
        report.Must("duplicate inline comments (same finding marker)", duplicateComments);
        report.Must("wrong labels (kpb: atomic iff the head is buggy)", wrongLabels);
        report.Must("non-terminal check runs", open.Count);
        report.Must("lost events (head without a completed check run or dead letter)", lost);
    }

    public ValueTask DisposeAsync() => github.DisposeAsync();

    internal static ChaosDelivery Post(WebhookDelivery delivery) => new((http, url) => GitHubWebhooks.PostAsync(http, url, delivery));
}
