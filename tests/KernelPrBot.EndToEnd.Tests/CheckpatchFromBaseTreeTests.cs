using KernelPrBot.Testing;
using KernelPrBot.Testing.FakeGitHub;
using Xunit;

namespace KernelPrBot.EndToEnd.Tests;

/// <summary>
/// The bot runs the checks <c>kernel-pr-bot check --tree</c> runs: with the trusted tree configured (Index:Tree), a
/// pull request gets findings from that tree's own scripts/checkpatch.pl, placed on the line they name.
/// </summary>
public sealed class CheckpatchFromBaseTreeTests : IAsyncLifetime
{
    private const string SpacingLine = "\tpriv->rx_len = len ;";

    private FakeGitHubServer _github = null!;
    private BotServer _bot = null!;

    public async Task InitializeAsync()
    {
        _github = await FakeGitHubServer.StartAsync();
        var tree = KernelTree.Path ?? throw new InvalidOperationException("CI needs the kernel tree (scripts/install-test-tools.sh)");
        _bot = await BotServer.StartAsync(_github, null, "--KernelPrBot:Index:Tree=" + tree);
    }

    public async Task DisposeAsync()
    {
        await _bot.DisposeAsync();
        await _github.DisposeAsync();
    }

    [KernelTreeFact]
    public async Task A_pull_request_gets_the_base_trees_checkpatch_finding_on_its_line()
    {
        var repo = _github.AddRepository("acme", "linux", installationId: 77);
        var head = SampleDriver.Fixed.Replace("\tpriv->rx_len = len;", SpacingLine, StringComparison.Ordinal);
        var pr = repo.OpenPullRequest(21, "net: acme: allocate the rx buffer on fill", "jane",
            new Dictionary<string, string> { [SampleDriver.DriverPath] = SampleDriver.Base },
            [new FakeCommit(SampleDriver.AddMessage, "Jane Developer", "jane@example.org", new Dictionary<string, string?> { [SampleDriver.DriverPath] = head })]);
        using var http = new HttpClient();

        var response = await GitHubWebhooks.PostAsync(http, _bot.GitHubWebhooks, GitHubWebhooks.PullRequest("opened", repo, pr, BotServer.Secret));
        Assert.Equal(System.Net.HttpStatusCode.Accepted, response.StatusCode);
        await Eventually.HoldsAsync(() => repo.CheckRuns().Any(r => r.HeadSha == pr.HeadSha && r.Status == "completed"), "check run completed");

        var comment = Assert.Single(repo.ReviewComments(pr.Number), c => c.Body.Contains("SPACING: space prohibited before semicolon", StringComparison.Ordinal));
        Assert.StartsWith("⚠️ **checkpatch**", comment.Body, StringComparison.Ordinal);
        Assert.Equal(SampleDriver.DriverPath, comment.Path);
        Assert.Equal(SampleDriver.LineOf(head, SpacingLine), comment.Line);
        var summary = Assert.Single(repo.IssueComments(pr.Number), c => c.Body.Contains("<!-- kernel-pr-bot:summary -->", StringComparison.Ordinal));
        Assert.DoesNotContain("checkpatch.pl not run", summary.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("built-in licence list", summary.Body, StringComparison.Ordinal);
        _github.AssertNoViolations();
    }
}
