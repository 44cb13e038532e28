namespace KernelPrBot.Testing.FakeGitHub;

/// <summary>
/// A repository on the fake GitHub with one pull request that adds the buggy function, and helpers to drive it.
/// Shared by the server's and the Functions worker's end-to-end tests, so both compare the same PR state.
/// </summary>
public sealed class PullRequestScenario
{
    public const string Maintainer = "maint";
    public const string Author = "jane";

    public PullRequestScenario(FakeGitHubServer github, int number = 17, string? fork = null, string? changed = null, string name = "linux")
    {
        Repo = github.AddRepository("acme", name, installationId: 77);
        Repo.SetPermission(Maintainer, "maintain");
        Repo.SetPermission("helper", "triage");
        Pr = Repo.OpenPullRequest(number, "net: acme: rx buffer", Author,
            new Dictionary<string, string> { [SampleDriver.DriverPath] = SampleDriver.Base, ["MAINTAINERS"] = "" },
            [new FakeCommit(SampleDriver.AddMessage, "Jane Developer", "jane@example.org", new Dictionary<string, string?> { [SampleDriver.DriverPath] = changed ?? SampleDriver.Buggy })],
            fork);
    }

    public FakeRepository Repo { get; }

    public FakePullRequest Pr { get; }

    public int Number => Pr.Number;

    public string PushFix() =>
        Repo.Push(Pr, new FakeCommit(SampleDriver.FixMessage, "Jane Developer", "jane@example.org", new Dictionary<string, string?> { [SampleDriver.DriverPath] = SampleDriver.Fixed }));

    public FakeCheckRun? LatestCheckRun(string? sha = null) =>
        Repo.CheckRuns().Where(r => r.HeadSha == (sha ?? Pr.HeadSha)).MaxBy(r => r.Id);

    public bool CheckCompleted(string? sha = null) => LatestCheckRun(sha)?.Status == "completed";

    public IReadOnlyList<FakeIssueComment> Summaries() =>
        Repo.IssueComments(Number).Where(c => c.Body.Contains("<!-- kernel-pr-bot:summary -->", StringComparison.Ordinal)).ToList();

    public IReadOnlyList<FakeIssueComment> BotReplies() =>
        Repo.IssueComments(Number).Where(c => c.Body.Contains("<!-- kernel-pr-bot:reply ", StringComparison.Ordinal)).ToList();

    /// <summary>Everything the bot owns on the PR, in a form two runs can be compared by.</summary>
    public string StateFingerprint() => string.Join("\n",
        [
            .. Repo.ReviewComments(Number).Select(c => $"comment {c.Path}:{c.Line} {c.Body}"),
            $"reviews {Repo.Reviews(Number).Count}",
            .. Repo.Labels(Number).Select(l => "label " + l),
            .. Repo.IssueComments(Number).Select(c => $"issue comment by {c.User.Login}: {c.Body}"),
            .. Repo.CheckRuns().Select(r => $"check {r.HeadSha} {r.Status} {r.Conclusion} {r.ExternalId} annotations {string.Join(",", r.Annotations.Select(a => $"{a.Path}:{a.StartLine}:{a.Title}"))}"),
        ]);
}
