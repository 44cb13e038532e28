using System.Text;
using System.Text.Json.Nodes;
using KernelPrBot.Testing.FakeGitHub;
using Xunit;

namespace KernelPrBot.Testing.Tests.FakeGitHub;

public class WebhookTests
{
    private const string Secret = "kernelprbot-test-secret";

    [Fact]
    public void Unmodified_fixtures_carry_the_computed_signatures()
    {
        var computed = JsonNode.Parse(File.ReadAllText(TestPaths.Fixture("github", "webhooks", "_signatures.computed.json")))!;
        Assert.Equal(Secret, (string?)computed["secret"]);
        var files = computed["files"]!.AsObject();
        Assert.True(files.Count >= 11);
        foreach (var (file, expected) in files)
        {
            var delivery = GitHubWebhooks.Fixture(file.Split('.')[0], file, Secret);
            Assert.Equal((int)expected!["bytes"]!, delivery.Body.Length);
            Assert.Equal((string?)expected["x_hub_signature_256"], delivery.Headers["X-Hub-Signature-256"]);
        }
    }

    [Fact]
    public void The_documented_test_vector_matches()
    {
        var vector = JsonNode.Parse(File.ReadAllText(TestPaths.Fixture("github", "webhooks", "_signature-test-vector.json")))!;
        Assert.Equal((string?)vector["x_hub_signature_256"],
            GitHubWebhooks.Signature(Encoding.UTF8.GetBytes((string)vector["payload"]!), (string)vector["secret"]!));
    }

    [Fact]
    public async Task Pull_request_delivery_points_at_the_fake()
    {
        await using var s = await Scenario.StartAsync();
        s.Repo.Push(s.Pr, new FakeCommit("more", "J", "j@x", new Dictionary<string, string?> { ["README"] = "x\n" }));
        var d = GitHubWebhooks.PullRequest("synchronize", s.Repo, s.Pr, Secret, "fixed-id");
        Assert.Equal("pull_request", d.Headers["X-GitHub-Event"]);
        Assert.Equal("fixed-id", d.DeliveryId);
        Assert.Equal(GitHubWebhooks.Signature(d.Body, Secret), d.Headers["X-Hub-Signature-256"]);
        Assert.StartsWith("GitHub-Hookshot/", d.Headers["User-Agent"], StringComparison.Ordinal);
        var body = JsonNode.Parse(d.Body)!;
        Assert.Equal("synchronize", (string?)body["action"]);
        Assert.Equal(1, (int)body["number"]!);
        Assert.Equal(s.Pr.HeadSha, (string?)body["pull_request"]!["head"]!["sha"]);
        Assert.Equal(s.Pr.HeadSha, (string?)body["after"]);
        Assert.Equal(s.Pr.CommitShas[^2], (string?)body["before"]);
        Assert.Equal(s.Pr.BaseSha, (string?)body["pull_request"]!["base"]!["sha"]);
        Assert.Equal("torvalds/linux", (string?)body["repository"]!["full_name"]);
        Assert.Equal(7, (long)body["installation"]!["id"]!);
    }

    [Fact]
    public async Task Comment_and_check_run_deliveries()
    {
        await using var s = await Scenario.StartAsync();
        var fork = s.Repo.OpenPullRequest(2, "fork", "outsider", Scenario.BaseFiles(),
            [new FakeCommit("x", "O", "o@x", new Dictionary<string, string?> { ["README"] = "y\n" })], "outsider/linux");
        s.Repo.SetPermission("maintainer", "write");
        var id = s.Repo.AddIssueComment(1, "maintainer", "/kpb recheck");

        var comment = JsonNode.Parse(GitHubWebhooks.IssueComment(s.Repo, 1, id, "maintainer", "/kpb recheck", Secret).Body)!;
        Assert.Equal(id, (long)comment["comment"]!["id"]!);
        Assert.Equal("COLLABORATOR", (string?)comment["comment"]!["author_association"]);
        Assert.Equal(7, (long)comment["installation"]!["id"]!);
        Assert.NotNull(comment["issue"]!["pull_request"]);

        var rerun = JsonNode.Parse(GitHubWebhooks.CheckRun("requested_action", s.Repo, fork, "pr-2", Secret, "rerun").Body)!;
        Assert.Empty(rerun["check_run"]!["pull_requests"]!.AsArray());
        Assert.Equal("rerun", (string?)rerun["requested_action"]!["identifier"]);
        Assert.Equal(fork.HeadSha, (string?)rerun["check_run"]!["head_sha"]);

        var suite = JsonNode.Parse(GitHubWebhooks.CheckSuiteRerequested(s.Repo, s.Pr, Secret).Body)!;
        Assert.Equal(1, (int)suite["check_suite"]!["pull_requests"]![0]!["number"]!);
    }
}
