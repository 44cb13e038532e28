using System.Globalization;
using System.Text.RegularExpressions;
using KernelPrBot.Hosting.Queues;
using KernelPrBot.Review.Planning;
using KernelPrBot.Review.Ports;
using KernelPrBot.Testing.FakeGitHub;
using KernelPrBot.Testing.FakeGitLab;

namespace KernelPrBot.Sandbox;

/// <summary>The chaos run on the fake GitLab: merge requests, positioned discussions, summary notes and commit statuses.</summary>
internal sealed class GitLabChaos(FakeGitLabServer gitlab) : IChaosForge
{
    public const string Secret = "gitlab-chaos-hook-secret";
    private const string Status = "KernelPrBot";
    private const string CouldNotFinish = "KernelPrBot could not finish its review: ";

    private static readonly string[] Projects = ["acme/linux", "acme/net-next", "globex/linux"];

    private readonly Dictionary<ChaosPullRequest, (FakeProject Project, FakeMergeRequest Mr)> _targets = [];

    public string Name => "gitlab";

    public FaultInjector Faults => gitlab.Faults;

    public IReadOnlyList<RecordedRequest> Requests => gitlab.Requests;

    public IReadOnlyList<string> Violations => gitlab.Violations;

    public string WebhookPath => "api/gitlab/webhooks";

    public static async Task<GitLabChaos> StartAsync() => new(await FakeGitLabServer.StartAsync());

    public IReadOnlyList<string> BotSettings(string queuePath) =>
    [
        "--KernelPrBot:GitLab:Url=" + gitlab.BaseUrl,
        "--KernelPrBot:GitLab:Token=" + gitlab.Options.BotToken,
        "--KernelPrBot:GitLab:WebhookSecret=" + Secret,
        "--KernelPrBot:Queue:Path=" + queuePath,
    ];

    /// <summary>Merge requests over three projects; a doomed one answers 500 to every read of its diffs.</summary>
    public IReadOnlyList<ChaosPullRequest> Plan(int events, int doomed)
    {
        var projects = Projects.Select(gitlab.AddProject).ToArray();
        foreach (var p in projects)
        {
            p.SetAccessLevel("jane", 30); // developers may /kpb recheck
        }

        var prs = new List<ChaosPullRequest>();
        for (var i = 0; prs.Sum(p => p.Steps.Count) < events; i++)
        {
            var project = projects[i % projects.Length];
            var iid = 100 + i;
            var tag = $"{project.PathWithNamespace} {iid}";
            var mr = project.OpenMergeRequest(iid, $"net: acme: rx buffer {i}", "jane",
                new Dictionary<string, string> { [SampleDriver.DriverPath] = SampleDriver.Base + $"/* base {tag} */\n" },
                [new FakeCommit(SampleDriver.AddMessage, "Jane Developer", "jane@example.org",
                    new Dictionary<string, string?> { [SampleDriver.DriverPath] = ChaosPullRequest.Driver(i % 4 != 3, tag) })]);
            var c = new ChaosPullRequest(project.PathWithNamespace, iid, i % 4 != 3, i < doomed);
            if (c.Doomed)
            {
                var id = project.Id.ToString(CultureInfo.InvariantCulture);
                var path = Regex.Escape(Uri.EscapeDataString(project.PathWithNamespace));
                gitlab.Faults.Fail("GET", $"(?i)^/projects/({id}|{path})/merge_requests/{iid}/diffs$", 500, int.MaxValue, body: """{"message":"500 Internal Server Error"}""");
            }

            var opened = Post(GitLabWebhooks.MergeRequest("open", project, mr, Secret));
            c.Steps.Enqueue(() => i % 3 == 0 ? [opened, opened] : [opened]);
            if (i % 2 == 0)
            {
                c.Steps.Enqueue(() =>
                {
                    // A push flips the head: the fix for a buggy MR, a regression for a clean one.
                    c.Buggy = !c.Buggy;
                    project.Push(mr, new FakeCommit(c.Buggy ? SampleDriver.AddMessage : SampleDriver.FixMessage, "Jane Developer", "jane@example.org",
                        new Dictionary<string, string?> { [SampleDriver.DriverPath] = ChaosPullRequest.Driver(c.Buggy, tag + " v2") }));
                    return [Post(GitLabWebhooks.MergeRequest("update", project, mr, Secret))];
                });
            }

            if (i % 3 == 1)
            {
                c.Steps.Enqueue(() =>
                {
                    var note = project.AddNote(iid, "jane", "/kpb recheck");
                    return [Post(GitLabWebhooks.Note(project, iid, note, "jane", "/kpb recheck", Secret))];
                });
            }

            _targets[c] = (project, mr);
            prs.Add(c);
        }

        return prs;
    }

    /// <summary>
    /// The job's head (any head, for a command that named none) carries a failed status "could not finish" with the
    /// reason, or a later review of that head replaced it (GitLab keeps one description per status name).
    /// </summary>
    public bool Reported(ChaosPullRequest pr, DeadLetter letter)
    {
        var (project, mr) = _targets[pr];
        var shas = letter.Request.HeadSha is { } head ? [head] : mr.CommitShas;
        return shas.Select(sha => StatusOf(project, sha)).Any(s => s is not null
            && (IsCouldNotFinish(s) ? s.Description!.Contains(ChaosChecks.ReasonStart(letter.Reason), StringComparison.Ordinal) : IsTerminal(s)));
    }

    public void Check(IReadOnlyList<ChaosPullRequest> prs, IReadOnlyList<DeadLetter> dead, ChaosReport report)
    {
        int summaryProblems = 0, duplicateDiscussions = 0, wrongLabels = 0, lost = 0, nonTerminal = 0, superseded = 0;
        foreach (var c in prs)
        {
            var (project, mr) = _targets[c];
            var head = StatusOf(project, mr.HeadSha);
            var reviewed = head is not null && IsTerminal(head) && !IsCouldNotFinish(head);
            var summaries = project.Notes(mr.Iid).Count(n => n.Author == gitlab.Options.BotLogin && Markers.IsSummary(n.Body));
            summaryProblems += report.Count(summaries > 1 || (reviewed && summaries == 0) ? 1 : 0, $"{c.Name}: {summaries} summary notes");
            foreach (var (fingerprint, times) in ChaosChecks.RepeatedFindings(project.Discussions(mr.Iid).Select(d => d.Notes[0].Body)))
            {
                duplicateDiscussions += report.Count(times - 1, $"{c.Name}: finding {fingerprint} has {times} discussions");
            }

            foreach (var sha in mr.CommitShas)
            {
                if (StatusOf(project, sha) is { } s && !IsFinished(s))
                {
                    nonTerminal += report.Count(1, $"{c.Name}: status on {sha[..7]} left {s.State}");
                }
            }

            var deadForHead = dead.Any(d => c.Owns(d) && (d.Request.HeadSha is null || d.Request.HeadSha == mr.HeadSha));
            lost += report.Count(!(head is not null && IsTerminal(head)) && !deadForHead ? 1 : 0,
                $"{c.Name}: head {mr.HeadSha[..7]} has no terminal status and no dead letter");
            if (reviewed)
            {
                var atomic = project.Labels(mr.Iid).Contains("kpb: atomic");
                wrongLabels += report.Count(atomic != c.Buggy ? 1 : 0,
                    $"{c.Name}: head is {(c.Buggy ? "buggy" : "clean")} but labels are [{string.Join(", ", project.Labels(mr.Iid))}]");
            }

            superseded += dead.Count(d => c.Owns(d) && d.Request.HeadSha == mr.HeadSha && reviewed);
        }

        report.Info("dead letters whose head a later review finished", superseded);
        report.Must("MRs without exactly one summary note (reviewed) or with several", summaryProblems);
        report.Must("duplicate discussions (same finding marker)", duplicateDiscussions);
        report.Must("wrong labels (kpb: atomic iff the head is buggy)", wrongLabels);
        report.Must("non-terminal commit statuses", nonTerminal);
        report.Must("lost events (head without a terminal status or dead letter)", lost);
    }

    public ValueTask DisposeAsync() => gitlab.DisposeAsync();

    private static FakeStatus? StatusOf(FakeProject project, string sha) => project.Statuses(sha).FirstOrDefault(s => s.Name == Status);

    private static bool IsTerminal(FakeStatus status) => status.State is "success" or "failed";

    /// <summary>Terminal, or canceled because a newer push superseded the head.</summary>
    private static bool IsFinished(FakeStatus status) => IsTerminal(status) || status.State is "canceled" or "skipped";

    private static bool IsCouldNotFinish(FakeStatus status) =>
        status.State == "failed" && (status.Description?.StartsWith(CouldNotFinish, StringComparison.Ordinal) ?? false);

    private static ChaosDelivery Post(GitLabDelivery delivery) => new((http, url) => GitLabWebhooks.PostAsync(http, url, delivery));
}
