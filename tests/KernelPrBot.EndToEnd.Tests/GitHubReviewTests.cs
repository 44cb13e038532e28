using System.Net;
using KernelPrBot.Testing.FakeGitHub;
using Xunit;

namespace KernelPrBot.EndToEnd.Tests;

/// <summary>Signed webhooks in, GitHub state out: through the real server, queue, workers and Octokit, against the fake GitHub.</summary>
public sealed class GitHubReviewTests : GitHubBotTest
{
    [Fact]
    public async Task Opened_then_fixed_pull_request_ends_reviewed_resolved_and_green()
    {
        var s = new PullRequestScenario(GitHub);

        await DeliverAsync(GitHubWebhooks.PullRequest("opened", s.Repo, s.Pr, BotServer.Secret));
        await Eventually.HoldsAsync(() => s.CheckCompleted(), "check run completed for the opened PR");

        var review = Assert.Single(s.Repo.Reviews(s.Number));
        Assert.Equal(s.Pr.HeadSha, review.CommitId);
        var comment = Assert.Single(s.Repo.ReviewComments(s.Number));
        Assert.Equal(SampleDriver.DriverPath, comment.Path);
        Assert.Equal(SampleDriver.LineOf(SampleDriver.Buggy, "kmalloc(len, GFP_KERNEL)"), comment.Line);
        Assert.Equal("RIGHT", comment.Side);
        Assert.Contains("atomic-sleeping-alloc", comment.Body, StringComparison.Ordinal);
        Assert.Equal(["kpb: atomic"], s.Repo.Labels(s.Number));
        var summary = Assert.Single(s.Summaries());
        Assert.Contains("https://docs.kernel.org/process/coding-assistants.html", summary.Body, StringComparison.Ordinal);
        var run = s.LatestCheckRun()!;
        Assert.Equal("failure", run.Conclusion);
        Assert.Contains(run.Annotations, a => a.Path == SampleDriver.DriverPath && a.StartLine == comment.Line && a.AnnotationLevel == "failure");
        Assert.Contains(run.Actions, a => a.Identifier == "kpb-rerun");

        s.PushFix();
        await DeliverAsync(GitHubWebhooks.PullRequest("synchronize", s.Repo, s.Pr, BotServer.Secret));
        await Eventually.HoldsAsync(() => s.CheckCompleted(), "check run completed for the fixed head");

        Assert.Equal("success", s.LatestCheckRun()!.Conclusion);
        var resolved = Assert.Single(s.Repo.ReviewComments(s.Number));
        Assert.Contains("Resolved", resolved.Body, StringComparison.Ordinal);
        Assert.Empty(s.Repo.Labels(s.Number));
        var edited = Assert.Single(s.Summaries());
        Assert.Equal(summary.Id, edited.Id);
        Assert.NotEqual(summary.Body, edited.Body);
        Assert.Single(s.Repo.Reviews(s.Number));
        GitHub.AssertNoViolations();
    }

    [Fact]
    public async Task The_same_delivery_twice_changes_nothing_the_second_time()
    {
        var s = new PullRequestScenario(GitHub);
        var delivery = GitHubWebhooks.PullRequest("opened", s.Repo, s.Pr, BotServer.Secret);

        await DeliverAsync(delivery);
        await Eventually.HoldsAsync(() => s.CheckCompleted(), "first review done");
        var before = s.StateFingerprint();
        var second = await DeliverAsync(delivery);

        Assert.Contains("duplicate", await second.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await Task.Delay(500);
        Assert.Equal(before, s.StateFingerprint());
        Assert.Single(s.Repo.CheckRuns());
        GitHub.AssertNoViolations();
    }

    [Fact]
    public async Task A_redelivered_event_under_a_new_id_reviews_again_without_duplicating_anything()
    {
        var s = new PullRequestScenario(GitHub);
        await DeliverAsync(GitHubWebhooks.PullRequest("opened", s.Repo, s.Pr, BotServer.Secret));
        await Eventually.HoldsAsync(() => s.CheckCompleted(), "first review done");
        var before = s.StateFingerprint();
        var requestsBefore = GitHub.Requests.Count;

        await DeliverAsync(GitHubWebhooks.PullRequest("reopened", s.Repo, s.Pr, BotServer.Secret));
        await Eventually.HoldsAsync(() => GitHub.Requests.Skip(requestsBefore).Any(r => r.Path.EndsWith("/labels", StringComparison.Ordinal)), "second job read the PR state");
        await Task.Delay(500);

        Assert.Equal(before, s.StateFingerprint());
        Assert.DoesNotContain(GitHub.Requests.Skip(requestsBefore), r => r.IsWrite);
    }

    [Fact]
    public async Task Slash_commands_are_authorized_answered_and_ignore_turns_the_check_green()
    {
        var s = new PullRequestScenario(GitHub);
        await DeliverAsync(GitHubWebhooks.PullRequest("opened", s.Repo, s.Pr, BotServer.Secret));
        await Eventually.HoldsAsync(() => s.CheckCompleted(), "first review done");

        var stranger = s.Repo.AddIssueComment(s.Number, "stranger", "/kpb recheck");
        await DeliverAsync(GitHubWebhooks.IssueComment(s.Repo, s.Number, stranger, "stranger", "/kpb recheck", BotServer.Secret));
        await Eventually.HoldsAsync(() => s.Repo.Reactions(stranger).Count > 0, "stranger's command answered");
        Assert.Equal("confused", Assert.Single(s.Repo.Reactions(stranger)).Content);
        Assert.Contains(s.BotReplies(), r => r.Body.Contains("Sorry @stranger", StringComparison.Ordinal));
        Assert.Single(s.Repo.CheckRuns());

        var recheck = s.Repo.AddIssueComment(s.Number, "helper", "/kpb recheck");
        await DeliverAsync(GitHubWebhooks.IssueComment(s.Repo, s.Number, recheck, "helper", "/kpb recheck", BotServer.Secret));
        await Eventually.HoldsAsync(() => s.Repo.Reactions(recheck).Count > 0, "recheck answered");
        Assert.Equal("+1", Assert.Single(s.Repo.Reactions(recheck)).Content);
        Assert.Single(s.Summaries());

        var explain = s.Repo.AddIssueComment(s.Number, "stranger", "/kpb explain atomic-sleeping-alloc");
        await DeliverAsync(GitHubWebhooks.IssueComment(s.Repo, s.Number, explain, "stranger", "/kpb explain atomic-sleeping-alloc", BotServer.Secret));
        await Eventually.HoldsAsync(() => s.Repo.Reactions(explain).Count > 0, "explain answered");
        Assert.Contains(s.BotReplies(), r => r.Body.Contains("`atomic-sleeping-alloc`", StringComparison.Ordinal) && r.Body.Contains("Category **atomic**", StringComparison.Ordinal));

        var strangerIgnore = s.Repo.AddIssueComment(s.Number, "stranger", "/kpb ignore atomic-sleeping-alloc I say so");
        await DeliverAsync(GitHubWebhooks.IssueComment(s.Repo, s.Number, strangerIgnore, "stranger", "/kpb ignore atomic-sleeping-alloc I say so", BotServer.Secret));
        await Eventually.HoldsAsync(() => s.Repo.Reactions(strangerIgnore).Count > 0, "stranger's ignore refused");
        Assert.Equal("failure", s.LatestCheckRun()!.Conclusion);

        const string ignoreText = "/kpb ignore atomic-sleeping-alloc lock is only taken from process context in this test driver";
        var ignore = s.Repo.AddIssueComment(s.Number, PullRequestScenario.Maintainer, ignoreText);
        await DeliverAsync(GitHubWebhooks.IssueComment(s.Repo, s.Number, ignore, PullRequestScenario.Maintainer, ignoreText, BotServer.Secret));
        await Eventually.HoldsAsync(() => s.Repo.Reactions(ignore).Count > 0, "maintainer's ignore answered");

        Assert.Equal("success", s.LatestCheckRun()!.Conclusion);
        var summary = Assert.Single(s.Summaries());
        Assert.Contains("lock is only taken from process context in this test driver", summary.Body, StringComparison.Ordinal);
        Assert.Contains("@maint", summary.Body, StringComparison.Ordinal);
        Assert.Empty(s.Repo.Labels(s.Number));
        GitHub.AssertNoViolations();
    }

    [Fact]
    public async Task A_fork_pull_request_is_reviewed_and_its_rerun_button_works_without_pull_requests_in_the_event()
    {
        var s = new PullRequestScenario(GitHub, number: 23, fork: "jane/linux");
        await DeliverAsync(GitHubWebhooks.PullRequest("opened", s.Repo, s.Pr, BotServer.Secret));
        await Eventually.HoldsAsync(() => s.CheckCompleted(), "fork PR reviewed");
        var run = s.LatestCheckRun()!;
        Assert.StartsWith("23:", run.ExternalId, StringComparison.Ordinal);
        var requestsBefore = GitHub.Requests.Count;

        await DeliverAsync(GitHubWebhooks.CheckRun("rerequested", s.Repo, s.Pr, run.ExternalId!, BotServer.Secret));
        await Eventually.HoldsAsync(() => GitHub.Requests.Skip(requestsBefore).Any(r => r.Path.EndsWith("/pulls/23/files", StringComparison.Ordinal)), "re-run fetched the fork PR");
        GitHub.AssertNoViolations();
    }

    [Fact]
    public async Task Rate_limits_and_server_errors_are_retried_and_the_review_still_lands_once()
    {
        var s = new PullRequestScenario(GitHub);
        GitHub.Faults.Fail("POST", @"/pulls/\d+/reviews$", 403, times: 1,
            headers: new Dictionary<string, string> { ["retry-after"] = "1" },
            body: """{"message":"You have exceeded a secondary rate limit. Please wait a few minutes before you try again.","documentation_url":"https://docs.github.com/rest"}""");
        GitHub.Faults.Fail("GET", @"/pulls/\d+/files$", 502, times: 1);

        await DeliverAsync(GitHubWebhooks.PullRequest("opened", s.Repo, s.Pr, BotServer.Secret));
        await Eventually.HoldsAsync(() => s.CheckCompleted(), "review done despite faults");

        Assert.Single(s.Repo.Reviews(s.Number));
        Assert.Single(s.Repo.ReviewComments(s.Number));
        Assert.Equal(2, GitHub.Requests.Count(r => r.Method == "POST" && r.Path.EndsWith("/reviews", StringComparison.Ordinal)));
        Assert.Equal(1, GitHub.MaxConcurrentWritesPerInstallation);
    }

    [Fact]
    public async Task A_pull_request_past_GitHubs_listing_limits_says_what_was_not_checked()
    {
        var repo = GitHub.AddRepository("acme", "big", installationId: 78);
        var commits = Enumerable.Range(0, 251).Select(i => new FakeCommit($"acme: step {i}\n\nSigned-off-by: Jane Developer <jane@example.org>\n", "Jane Developer", "jane@example.org",
            new Dictionary<string, string?> { [$"drivers/acme/step{i % 3}.c"] = $"// SPDX-License-Identifier: GPL-2.0\nint step{i};\n" })).ToList();
        commits.Add(new FakeCommit("acme: firmware\n\nSigned-off-by: Jane Developer <jane@example.org>\n", "Jane Developer", "jane@example.org",
            new Dictionary<string, string?> { ["firmware/acme.bin"] = "\u0000\u0001binary" }));
        var pr = repo.OpenPullRequest(31, "acme: many steps", "jane", new Dictionary<string, string>(), commits);

        await DeliverAsync(GitHubWebhooks.PullRequest("opened", repo, pr, BotServer.Secret));
        await Eventually.HoldsAsync(() => repo.CheckRuns().Any(r => r.HeadSha == pr.HeadSha && r.Status == "completed"), "big PR reviewed");

        var summary = Assert.Single(repo.IssueComments(31), c => c.Body.Contains("<!-- kernel-pr-bot:summary -->", StringComparison.Ordinal));
        Assert.Contains("only the first 250 commits", summary.Body, StringComparison.Ordinal);
        Assert.Contains("firmware/acme.bin: the forge gave no diff", summary.Body, StringComparison.Ordinal);
        GitHub.AssertNoViolations();
    }

    [Fact]
    public async Task The_config_comes_from_the_base_branch_so_a_pull_request_cannot_switch_its_checks_off()
    {
        var repo = GitHub.AddRepository("acme", "configured", installationId: 79);
        var pr = repo.OpenPullRequest(41, "acme: quiet please", "jane",
            new Dictionary<string, string>
            {
                [SampleDriver.DriverPath] = SampleDriver.Base,
                [".kernel-pr-bot.yml"] = "rules:\n  atomic-sleeping-alloc: warning\n",
            },
            [new FakeCommit(SampleDriver.AddMessage, "Jane Developer", "jane@example.org", new Dictionary<string, string?>
            {
                [SampleDriver.DriverPath] = SampleDriver.Buggy,
                [".kernel-pr-bot.yml"] = "rules:\n  atomic-sleeping-alloc: off\n",
            })]);

        await DeliverAsync(GitHubWebhooks.PullRequest("opened", repo, pr, BotServer.Secret));
        await Eventually.HoldsAsync(() => repo.CheckRuns().Any(r => r.HeadSha == pr.HeadSha && r.Status == "completed"), "configured PR reviewed");

        var run = repo.CheckRuns().Single(r => r.HeadSha == pr.HeadSha);
        Assert.Equal("neutral", run.Conclusion);
        Assert.Contains(run.Annotations, a => a.Title == "atomic-sleeping-alloc" && a.AnnotationLevel == "warning");
    }

    [Fact]
    public async Task A_job_that_keeps_failing_is_dead_lettered_and_the_check_run_says_why()
    {
        var s = new PullRequestScenario(GitHub);
        GitHub.Faults.Fail("GET", @"/pulls/\d+/commits$", 404, times: 100, body: """{"message":"Not Found"}""");

        await DeliverAsync(GitHubWebhooks.PullRequest("opened", s.Repo, s.Pr, BotServer.Secret));
        await Eventually.HoldsAsync(() => s.CheckCompleted(), "failure reported on the PR", seconds: 90);

        var run = s.LatestCheckRun()!;
        Assert.Equal("failure", run.Conclusion);
        Assert.Equal("KernelPrBot could not finish its review", run.Output!.Title);
        Assert.Contains("NotFoundException", run.Output.Summary, StringComparison.Ordinal);
    }
}
