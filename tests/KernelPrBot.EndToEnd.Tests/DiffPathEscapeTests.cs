using System.Net;
using KernelPrBot.Testing.FakeGitHub;
using Xunit;

namespace KernelPrBot.EndToEnd.Tests;

/// <summary>
/// File names in a PR are the author's input: the bot's fetches for them stay on the repository's own API routes and
/// the unusual names are reported, not followed. The patch parser's refusals are in Checks.Tests BadInputTests.
/// </summary>
public sealed class DiffPathEscapeTests : GitHubBotTest
{
    private static readonly string[] Hostile = ["../../etc/passwd", "/etc/shadow", "drivers/acme/bell\u0007\u001b[2J.c"];

    [Fact]
    public async Task Traversal_absolute_and_control_character_paths_are_fetched_only_from_the_repository_and_named()
    {
        var repo = GitHub.AddRepository("acme", "paths", installationId: 91);
        var files = new Dictionary<string, string?> { [SampleDriver.DriverPath] = SampleDriver.Buggy };
        foreach (var path in Hostile)
        {
            files[path] = "root:x:0:0:root:/root:/bin/sh\n";
        }

        var pr = repo.OpenPullRequest(5, "acme: odd names", "jane", new Dictionary<string, string> { [SampleDriver.DriverPath] = SampleDriver.Base },
            [new FakeCommit(SampleDriver.AddMessage, "Jane Developer", "jane@example.org", files)]);
        Eventually.Diagnostics = () => string.Join("\n", GitHub.Requests.TakeLast(15));

        var response = await GitHubWebhooks.PostAsync(Http, Bot.GitHubWebhooks, GitHubWebhooks.PullRequest("opened", repo, pr, BotServer.Secret));
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        await Eventually.HoldsAsync(() => repo.CheckRuns().Any(r => r.HeadSha == pr.HeadSha && r.Status == "completed"), "odd PR reviewed");

        var fileFetches = GitHub.Requests.Where(r => r.Path.Contains("/contents/", StringComparison.Ordinal) || r.Path.Contains("/git/blobs", StringComparison.Ordinal)).ToList();
        Assert.All(fileFetches, r => Assert.StartsWith("/repos/acme/paths/", r.Path, StringComparison.Ordinal));
        Assert.DoesNotContain(GitHub.Requests, r => r.Path.Contains("/../", StringComparison.Ordinal) || r.Path.Contains("/etc/", StringComparison.Ordinal) && !r.Path.StartsWith("/repos/acme/paths/", StringComparison.Ordinal));
        var summary = Assert.Single(repo.IssueComments(5), c => c.Body.Contains("<!-- kernel-pr-bot:summary -->", StringComparison.Ordinal));
        Assert.Contains("etc/passwd", summary.Body, StringComparison.Ordinal);
        Assert.Contains("etc/shadow", summary.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("\u001b", summary.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("root:x:0:0", string.Concat(repo.IssueComments(5).Select(c => c.Body)), StringComparison.Ordinal);
    }
}
